// Sign-in budgets over both dialects: failures elsewhere slow an account down but never keep its
// owner out of a browser they signed in with before (the known-device cookie), that browser's own
// failures spend its own budget, and a password reset voids the device cookies issued before it.
import { describe, expect, it } from 'vitest';
import { linkIn, type PageClient, pageClient } from '../../../test/client.ts';
import { suiteApp, TEST_NOW } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { LIMITS } from '../../actions/rate-limit.ts';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('sign-in budgets (%s)', (dialect) => {
  const t = suiteApp(dialect);

  const account = (email: string) => createUserDirect(t.database.db, { email, password: PASSWORD, name: 'Someone', role: 'user' }, TEST_NOW);
  const signIn = async (b: PageClient, email: string, password: string): Promise<Response> => {
    await b.get('/signin');
    return b.post('/signin', { email, password });
  };
  /** Fails `max` times (each a 401), then shows the next failure is a 429. */
  const exhaust = async (b: PageClient, email: string, max: number): Promise<void> => {
    await b.get('/signin');
    for (let i = 0; i < max; i++) expect((await b.post('/signin', { email, password: `wrong guess ${i}` })).status, `failure #${i + 1}`).toBe(401);
    expect((await b.post('/signin', { email, password: 'one more guess' })).status).toBe(429);
  };

  it('lets the owner in from a browser they used before while failures elsewhere exhaust the account', async () => {
    await account('owner@example.org');
    await account('mallory@example.org');
    const home = pageClient(t.app, { ip: '192.0.2.50' });
    const first = await signIn(home, 'owner@example.org', PASSWORD);
    expect(first.status).toBe(303);
    const cookie = first.headers.getSetCookie().find((l) => l.startsWith('pb_device=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=31536000/i);
    expect(cookie).toMatch(/Path=\/signin/i);
    await home.post('/signout');
    expect(home.cookies.has('pb_device')).toBe(true);

    // The attacker holds a device cookie too, but for their own account: it does not count here.
    const attacker = pageClient(t.app, { ip: '203.0.113.66' });
    expect((await signIn(attacker, 'mallory@example.org', PASSWORD)).status).toBe(303);
    await exhaust(attacker, 'owner@example.org', LIMITS.signInPerAccount.max);

    expect((await signIn(home, 'owner@example.org', PASSWORD)).status).toBe(303);
    // The owner's success forgives none of the attacker's failures.
    expect((await signIn(attacker, 'owner@example.org', 'still guessing')).status).toBe(429);

    // A browser the owner never signed in with waits for the window, then gets in.
    const elsewhere = pageClient(t.app, { ip: '192.0.2.51' });
    const blocked = await signIn(elsewhere, 'owner@example.org', PASSWORD);
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LIMITS.signInPerAccount.windowMs / 1000);
    t.ctx.now = () => new Date(TEST_NOW.getTime() + wait * 1000 + 1000);
    expect((await signIn(elsewhere, 'owner@example.org', PASSWORD)).status).toBe(303);
  });

  it("spends a known browser's failures from its own budget, not the account's; successes spend none", async () => {
    await account('device@example.org');
    const home = pageClient(t.app, { ip: '192.0.2.60' });
    for (let i = 0; i < LIMITS.signInPerDevice.max + 2; i++) expect((await signIn(home, 'device@example.org', PASSWORD)).status).toBe(303);
    await home.post('/signout');
    await exhaust(home, 'device@example.org', LIMITS.signInPerDevice.max);
    expect((await signIn(home, 'device@example.org', PASSWORD)).status).toBe(429);
    // The account's budget is untouched: another browser signs in.
    expect((await signIn(pageClient(t.app, { ip: '192.0.2.61' }), 'device@example.org', PASSWORD)).status).toBe(303);
  });

  it('ignores a device cookie that is forged', async () => {
    await account('forged@example.org');
    const b = pageClient(t.app, { ip: '203.0.113.67' });
    b.cookies.set('pb_device', 'eyJ4Ijp0cnVlfQ.forged');
    await exhaust(b, 'forged@example.org', LIMITS.signInPerAccount.max);
    expect((await signIn(b, 'forged@example.org', PASSWORD)).status).toBe(429);
  });

  it('a password reset voids the device cookies issued before it: they no longer spare the account limit', async () => {
    const user = await account('reset-device@example.org');
    const old = pageClient(t.app, { ip: '203.0.113.70' });
    expect((await signIn(old, 'reset-device@example.org', PASSWORD)).status).toBe(303);
    await old.post('/signout');
    // The owner resets the password from the mailed link.
    const owner = pageClient(t.app, { ip: '192.0.2.72' });
    await owner.get('/reset');
    await owner.post('/reset', { email: user.email });
    const link = linkIn(t.mailer.sent.at(-1)?.text ?? '', 'http://paperboy.test');
    await owner.get(link);
    expect((await owner.post(link, { password: 'a brand new password' })).status).toBe(303);
    // The old browser's failures now count against the account, which ends up limited.
    await exhaust(old, 'reset-device@example.org', LIMITS.signInPerAccount.max);
    expect((await signIn(pageClient(t.app, { ip: '203.0.113.71' }), 'reset-device@example.org', 'a brand new password')).status).toBe(429);
  });
  it("keeps a lab's address open to its members: successes spend none of it, and others' failures from it keep out neither a known browser nor a password change", async () => {
    const lab = '192.0.2.90';
    await account('member@example.org');
    // More successful sign-ins from one address than its budget of attempts allows.
    const member = pageClient(t.app, { ip: lab });
    for (let i = 0; i < LIMITS.signInPerIp.max + 2; i++) expect((await signIn(member, 'member@example.org', PASSWORD)).status, `success #${i + 1}`).toBe(303);

    // Someone at the same address fails on made-up accounts until the address is limited.
    const prankster = pageClient(t.app, { ip: lab });
    await prankster.get('/signin');
    for (let i = 0; i < LIMITS.signInPerIp.max; i++) expect((await prankster.post('/signin', { email: `nobody${i}@example.org`, password: 'guess' })).status).toBe(401);
    expect((await prankster.post('/signin', { email: 'member@example.org', password: PASSWORD })).status).toBe(429);

    // The member, still signed in, changes the password (the current one is checked, the address is not).
    expect((await member.post('/settings/password', { current: PASSWORD, password: 'a newer long password' })).status).toBe(303);
    // Signed out, the member's browser (its device cookie renewed by the change) signs in from the limited address.
    await member.post('/signout');
    expect((await signIn(member, 'member@example.org', 'a newer long password')).status).toBe(303);
  });
});
