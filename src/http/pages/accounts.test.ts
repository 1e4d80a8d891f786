// Accounts over both dialects: sign-up with a confirmation mail, sign-in and out, password reset
// (single use, expiring), no account enumeration, CSRF on every form, and rate limits.
import { findUserByEmail } from '../../db/users.ts';
import { describe, expect, it } from 'vitest';
import { linkIn, pageClient } from '../../../test/client.ts';
import { suiteApp, TEST_NOW } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { askReset } from '../../../test/signed-in.ts';
import { createApiToken, createUserDirect } from '../../actions/accounts.ts';

const BASE = 'http://paperboy.test';

describe.each(DIALECTS)('accounts (%s)', (dialect) => {
  const t = suiteApp(dialect);

  const signUp = async (email: string, password = 'correct horse battery', ip?: string) => {
    const b = pageClient(t.app, ip ? { ip } : {});
    await b.get('/signup');
    const res = await b.post('/signup', { name: 'Ada Lovelace', email, password });
    return { b, res, html: await res.text() };
  };

  it('signs up with a confirmation link that signs in; the password is stored as argon2id', async () => {
    const before = t.mailer.sent.length;
    const { b, html } = await signUp('ada@example.org');
    expect(html).toContain('We sent a mail to ada@example.org');
    const mail = t.mailer.sent[before];
    expect(mail?.to).toBe('ada@example.org');
    // Not signed in yet: the address is unconfirmed.
    const early = pageClient(t.app);
    await early.get('/signin');
    expect((await early.post('/signin', { email: 'ada@example.org', password: 'correct horse battery' })).status).toBe(403);
    const link = linkIn(mail?.text ?? '', BASE);
    const page = await (await b.get(link)).text();
    expect(page).toContain('Confirm my address');
    const verify = await b.post(link);
    expect(verify.status).toBe(303);
    const home = await (await b.get('/')).text();
    expect(home).toContain('href="/users/ada-lovelace"');
    const row = await t.database.db.selectFrom('users').select('password_hash').where('email', '=', 'ada@example.org').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    // Sign out, then back in. The session ends on the server: its cookie, kept and sent again, signs in nobody.
    const kept = b.cookies.get('pb_session') ?? '';
    expect(kept).not.toBe('');
    await b.post('/signout');
    expect(await (await b.get('/')).text()).not.toContain('href="/users/ada-lovelace"');
    const replayed = await t.app.request('/settings', { headers: { cookie: `pb_session=${kept}` } });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toMatch(/^\/signin/);
    await b.get('/signin');
    const signin = await b.post('/signin?next=%2Fpapers%3Fq%3Dx', { email: 'ADA@example.org', password: 'correct horse battery' });
    expect(signin.status).toBe(303);
    expect(signin.headers.get('location')).toBe('/papers?q=x');
    expect(signin.headers.getSetCookie().join()).toMatch(/pb_session=[^;]+; .*HttpOnly.*SameSite=Lax/i);
  });

  it('confirms an address only by the POST of the link\'s page, once; a used link opens no session', async () => {
    const before = t.mailer.sent.length;
    const { b } = await signUp('once@example.org');
    const link = linkIn(t.mailer.sent[before]?.text ?? '', BASE);
    // Opening the link (as a mail scanner would) confirms nothing and opens no session.
    const shown = await b.get(link);
    expect(shown.status).toBe(200);
    expect(shown.headers.getSetCookie().join()).not.toContain('pb_session=');
    expect(await shown.text()).toMatch(/<form method="post" action="\/verify\/[^"]+"><input type="hidden" name="_csrf"/);
    const row = () => t.database.db.selectFrom('users').select('verified_at').where('email', '=', 'once@example.org').executeTakeFirstOrThrow();
    expect((await row()).verified_at).toBeNull();
    // The POST needs this browser's CSRF value (no login CSRF).
    expect((await b.post(link, { _csrf: 'forged' })).status).toBe(403);
    const first = await b.post(link);
    expect(first.status).toBe(303);
    expect(first.headers.getSetCookie().join()).toContain('pb_session=');
    expect((await row()).verified_at).not.toBeNull();
    // A second use, from anywhere, says the address is confirmed and asks to sign in.
    const other = pageClient(t.app);
    const again = await other.get(link);
    expect(await again.text()).toContain('This address is already confirmed');
    const second = await other.post(link);
    expect(second.status).toBe(200);
    expect(second.headers.getSetCookie().join()).not.toContain('pb_session=');
    expect(await second.text()).toContain('href="/signin"');
  });

  it('stops a confirmation link from signing in once a password reset confirmed the address', async () => {
    const before = t.mailer.sent.length;
    const { b } = await signUp('resetfirst@example.org');
    const link = linkIn(t.mailer.sent[before]?.text ?? '', BASE);
    await b.get('/reset');
    await b.post('/reset', { email: 'resetfirst@example.org' });
    const reset = linkIn(t.mailer.sent.at(-1)?.text ?? '', BASE);
    await b.get(reset);
    expect((await b.post(reset, { password: 'the owner now knows' })).status).toBe(303);
    const stranger = pageClient(t.app);
    await stranger.get(link);
    const res = await stranger.post(link);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).not.toContain('pb_session=');
    expect((await stranger.post(`${link}x`)).status).toBe(400);
  });

  it('an unconfirmed address signing up again gets a link to confirm it with a password of its choosing; the sign-up itself changes nothing', async () => {
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, '');
    const before = t.mailer.sent.length;
    const first = await signUp('stuck@example.org', 'first long password', '198.51.100.80');
    const stale = linkIn(t.mailer.sent[before]?.text ?? '', BASE);
    try {
      t.ctx.now = () => new Date(TEST_NOW.getTime() + 3 * 86_400_000);
      const expired = await first.b.get(stale);
      expect(expired.status).toBe(400);
      expect(await expired.text()).toContain('Sign up again with the same address');
      // Someone else signs up with the address and a password of their own: the page answers as
      // for any sign-up, the account keeps its password, and the mailbox gets a reset link.
      const mark = t.mailer.sent.length;
      const again = await signUp('stuck@example.org', 'an intruder password', '198.51.100.82');
      expect(strip(again.html)).toBe(strip(first.html));
      expect(t.mailer.sent.slice(mark).map((m) => [m.to, m.subject])).toEqual([['stuck@example.org', 'Confirm your Paperboy account']]);
      const reset = linkIn(t.mailer.sent[mark]?.text ?? '', BASE);
      expect(reset).toMatch(/^\/reset\//);
      const intruder = pageClient(t.app, { ip: '198.51.100.83' });
      await intruder.get('/signin');
      expect((await intruder.post('/signin', { email: 'stuck@example.org', password: 'an intruder password' })).status).toBe(401);
      // The owner follows the mailed link, chooses a password, and is confirmed.
      await first.b.get(reset);
      expect((await first.b.post(reset, { password: 'the owner chose this' })).status).toBe(303);
      const owner = pageClient(t.app, { ip: '198.51.100.81' });
      await owner.get('/signin');
      expect((await owner.post('/signin', { email: 'stuck@example.org', password: 'an intruder password' })).status).toBe(401);
      expect((await owner.post('/signin', { email: 'stuck@example.org', password: 'the owner chose this' })).status).toBe(303);
      expect((await findUserByEmail(t.database.db, 'stuck@example.org'))?.user.verified).toBe(true);
    } finally {
      t.ctx.now = () => TEST_NOW;
    }
  });

  it('voids the confirmation link of whoever signed up first with an address once its owner signs up too', async () => {
    const mark = t.mailer.sent.length;
    // Someone signs up first with another person's address and a password of their own...
    await signUp('carol@example.org', 'the intruder chose this', '198.51.100.90');
    const intruders = linkIn(t.mailer.sent[mark]?.text ?? '', BASE);
    expect(intruders).toMatch(/^\/verify\//);
    // ...then the owner signs up, and is mailed a link to choose their password.
    await signUp('carol@example.org', 'carol chose this one', '198.51.100.91');
    const owners = linkIn(t.mailer.sent[mark + 1]?.text ?? '', BASE);
    expect(owners).toMatch(/^\/reset\//);
    // The owner clicking the first mail by mistake confirms nothing.
    const owner = pageClient(t.app, { ip: '198.51.100.92' });
    await owner.get(intruders);
    const confirm = await owner.post(intruders);
    expect(confirm.status).toBe(400);
    expect(confirm.headers.getSetCookie().join()).not.toContain('pb_session=');
    const intruder = pageClient(t.app, { ip: '198.51.100.93' });
    await intruder.get('/signin');
    expect((await intruder.post('/signin', { email: 'carol@example.org', password: 'the intruder chose this' })).status).toBe(401);
    expect((await findUserByEmail(t.database.db, 'carol@example.org'))?.user.verified).toBe(false);
    // The link the owner was mailed for their own sign-up works.
    await owner.get(owners);
    expect((await owner.post(owners, { password: 'carol chose this one' })).status).toBe(303);
    expect((await intruder.post('/signin', { email: 'carol@example.org', password: 'carol chose this one' })).status).toBe(303);
  });

  it('answers a sign-up with a taken address exactly like a new one, and tells the owner by mail', async () => {
    const before = t.mailer.sent.length;
    const { html } = await signUp('ada@example.org', 'another long password');
    expect(html).toContain('We sent a mail to ada@example.org');
    expect(t.mailer.sent[before]?.subject).toBe('Someone tried to sign up with your address');
    const wrong = pageClient(t.app);
    await wrong.get('/signin');
    const unknown = await (await wrong.post('/signin', { email: 'nobody@example.org', password: 'whatever123' })).text();
    const badPass = await (await wrong.post('/signin', { email: 'ada@example.org', password: 'whatever123' })).text();
    expect(unknown).toContain('That email and password do not match an account.');
    expect(badPass).toContain('That email and password do not match an account.');
  });

  it('resets a password with a single-use link; unknown addresses get the same answer', async () => {
    const b = pageClient(t.app);
    await b.get('/reset');
    const before = t.mailer.sent.length;
    const unknown = await (await b.post('/reset', { email: 'nobody@example.org' })).text();
    expect(t.mailer.sent.length).toBe(before);
    const known = await (await b.post('/reset', { email: 'ada@example.org' })).text();
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nobody@example\.org|ada@example\.org/g, 'X');
    expect(strip(known)).toBe(strip(unknown));
    const link = linkIn(t.mailer.sent[before]?.text ?? '', BASE);
    const stored = await t.database.db.selectFrom('password_resets').select('token_hash').execute();
    expect(stored.every((r) => !link.includes(r.token_hash))).toBe(true);
    await b.get(link);
    const done = await b.post(link, { password: 'a brand new password' });
    expect(done.status).toBe(303);
    const again = await b.post(link, { password: 'yet another password' });
    expect(await again.text()).toContain('This reset link has expired or was already used.');
    const other = pageClient(t.app);
    await other.get('/signin');
    expect((await other.post('/signin', { email: 'ada@example.org', password: 'a brand new password' })).status).toBe(303);
  });

  const useReset = async (link: string, password: string): Promise<Response> => {
    const b = pageClient(t.app);
    await b.get(link);
    return b.post(link, { password });
  };

  it('lets a reset link work for 30 minutes and no longer', async () => {
    await createUserDirect(t.database.db, { email: 'clock@example.org', password: 'correct horse battery', name: 'Clock', role: 'user' }, TEST_NOW);
    const early = await askReset(t, 'clock@example.org', '198.51.100.50');
    const late = await askReset(t, 'clock@example.org', '198.51.100.50');
    try {
      t.ctx.now = () => new Date(TEST_NOW.getTime() + 30 * 60_000 + 1000);
      const expired = await useReset(late, 'too late for this one');
      expect(expired.status).toBe(400);
      expect(await expired.text()).toContain('This reset link has expired or was already used.');
      t.ctx.now = () => new Date(TEST_NOW.getTime() + 29 * 60_000);
      expect((await useReset(early, 'just in time password')).status).toBe(303);
    } finally {
      t.ctx.now = () => TEST_NOW;
    }
  });

  it("revokes the account's API tokens (and only its own) with a password reset, and says so", async () => {
    const owner = await createUserDirect(t.database.db, { email: 'tokens@example.org', password: 'correct horse battery', name: 'Tokens', role: 'user' }, TEST_NOW);
    const bystander = await createUserDirect(t.database.db, { email: 'bystander@example.org', password: 'correct horse battery', name: 'Bystander', role: 'user' }, TEST_NOW);
    const stolen = await createApiToken(t.database.db, owner.id, 'made by an intruder', TEST_NOW);
    const kept = await createApiToken(t.database.db, bystander.id, 'script', TEST_NOW);
    const api = (token: string) => t.app.request('/api/orgs', { headers: { authorization: `Bearer ${token}` } });
    expect((await api(stolen.token)).status).toBe(200);
    const before = t.mailer.sent.length;
    const link = await askReset(t, 'tokens@example.org', '198.51.100.52');
    expect(t.mailer.sent[before]?.text).toContain("A new password signs out every session and revokes the account's API tokens.");
    const b = pageClient(t.app);
    expect(await (await b.get(link)).text()).toContain('Every other session will be signed out, and your API tokens revoked.');
    expect((await b.post(link, { password: 'a fresh new password' })).status).toBe(303);
    expect((await api(stolen.token)).status).toBe(401);
    expect((await api(kept.token)).status).toBe(200);
  });

  it('makes every other unused reset link of the account useless once one is used', async () => {
    await createUserDirect(t.database.db, { email: 'many@example.org', password: 'correct horse battery', name: 'Many', role: 'user' }, TEST_NOW);
    const links = [await askReset(t, 'many@example.org', '198.51.100.51'), await askReset(t, 'many@example.org', '198.51.100.51'), await askReset(t, 'many@example.org', '198.51.100.51')];
    expect(new Set(links).size).toBe(3);
    expect((await useReset(links[1] as string, 'the chosen new password')).status).toBe(303);
    for (const other of [links[0], links[2]] as string[]) {
      const res = await useReset(other, 'an attacker password');
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This reset link has expired or was already used.');
    }
    const b = pageClient(t.app);
    await b.get('/signin');
    expect((await b.post('/signin', { email: 'many@example.org', password: 'the chosen new password' })).status).toBe(303);
  });

  it('refuses a form post without the CSRF value, or with another browser\'s', async () => {
    const b = pageClient(t.app);
    await b.get('/signin');
    const none = await b.post('/signin', { email: 'ada@example.org', password: 'a brand new password', _csrf: '' });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('did not come from this site');
    const other = pageClient(t.app);
    await other.get('/signin');
    const foreign = await b.post('/signin', { email: 'ada@example.org', password: 'a brand new password', _csrf: other.csrf });
    expect(foreign.status).toBe(403);
  });

  it('slows repeated failed sign-ins with a 429 and Retry-After, per account and per address', async () => {
    const b = pageClient(t.app, { ip: '198.51.100.9' });
    await b.get('/signin');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await b.post('/signin', { email: 'victim@example.org', password: `guess-${i}-guess` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await b.post('/signin', { email: 'victim@example.org', password: 'guess' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The real owner of another account, from another address, is not affected.
    const owner = pageClient(t.app, { ip: '192.0.2.1' });
    await owner.get('/signin');
    expect((await owner.post('/signin', { email: 'ada@example.org', password: 'a brand new password' })).status).toBe(303);
  });

  it('answers a double-clicked sign-up (two posts at once) with the same page twice, and makes one account', async () => {
    const b = pageClient(t.app, { ip: '192.0.2.77' });
    await b.get('/signup');
    const form = { name: 'Grace Hopper', email: 'grace@example.org', password: 'correct horse battery' };
    const both = await Promise.all([b.post('/signup', form), b.post('/signup', form)]);
    for (const res of both) {
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('We sent a mail to grace@example.org');
    }
    const rows = await t.database.db.selectFrom('users').select('handle').where('email', '=', 'grace@example.org').execute();
    expect(rows).toEqual([{ handle: 'grace-hopper' }]);
    // Two people of the same name at once get two handles.
    const c = pageClient(t.app, { ip: '192.0.2.78' });
    await c.get('/signup');
    const twins = await Promise.all(['g1@example.org', 'g2@example.org'].map((email) => c.post('/signup', { ...form, email })));
    expect(twins.map((r) => r.status)).toEqual([200, 200]);
    const handles = await t.database.db.selectFrom('users').select('handle').where('email', 'in', ['g1@example.org', 'g2@example.org']).execute();
    expect(new Set(handles.map((h) => h.handle)).size).toBe(2);
  });
});
