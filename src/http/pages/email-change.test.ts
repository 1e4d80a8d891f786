// Changing the account's address over HTTP and a real SMTP server, on both dialects: the link
// mailed to the new address changes nothing until its page's button is pressed (a CSRF-checked
// POST); then the address moves, the old one gets a notice without a link, other sessions end and
// the digest follows. A used, expired or outdated link says so; a wrong password mails nothing; an
// address that has an account gets the same answer and a mail that can move nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, pageClient } from '../../../test/client.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { person } from '../../../test/signed-in.ts';
import { startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { startDigestForUser } from '../../actions/follow.ts';
import { findSubscriberByEmail } from '../../db/subscribers.ts';
import { mailLater } from '../../mail/background.ts';

const PASSWORD = 'correct horse battery';
const BASE = 'http://paperboy.test';

describe.each(DIALECTS)('changing the address (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    smtp = await startSmtp();
    t.ctx.mailer = smtp.mailer();
    t.ctx.mailLater = mailLater(t.ctx.mailer, t.ctx.logger);
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });
  afterEach(() => {
    t.ctx.now = () => TEST_NOW;
  });

  const mailsTo = async (addr: string) => {
    await t.ctx.mailLater.idle();
    return smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === addr);
  };
  const emailOf = async (id: string) => (await t.database.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
  const fresh = (tag: string) => `${tag}.${Math.random().toString(36).slice(2, 8)}@example.net`;

  it('moves the account once the link mailed to the new address is confirmed; the old address is told, other sessions end, the digest follows', async () => {
    const ada = await person(t, 'Ada Mover');
    const old = ada.email;
    await startDigestForUser(t.database.db, ada.user, TEST_NOW);
    const phone = pageClient(t.app, { ip: '192.0.2.77' });
    await phone.get('/signin');
    expect((await phone.post('/signin', { email: old, password: PASSWORD })).status).toBe(303);

    const settings = await (await ada.b.get('/settings')).text();
    expect(settings).toContain('action="/settings/email"');
    expect(settings).toContain(`You sign in with ${old}.`);
    const target = fresh('ada.new');
    const asked = await ada.b.post('/settings/email', { email: ` ${target.toUpperCase()} `, current: PASSWORD });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/settings?saved=email');
    expect(await (await ada.b.get('/settings?saved=email')).text()).toContain('We mailed a link to the new address');

    const [linkMail] = await mailsTo(target);
    expect(linkMail?.subject).toBe('Confirm your new Paperboy address');
    const link = linkIn(linkMail?.text ?? '', BASE);
    expect(link).toMatch(/^\/email\/confirm\/[\w-]+\.[\w-]+$/);
    // Stored hashed: the token is nowhere in the store.
    const rows = await t.database.db.selectFrom('email_changes').selectAll().where('user_id', '=', ada.user.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(link.split('/').pop());
    expect(await emailOf(ada.user.id)).toBe(old);

    // Opening the link (as a mail scanner does) shows a button and changes nothing.
    const page = await ada.b.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`will sign in with ${target}`);
    expect(html).toContain(`<form method="post" action="${link}">`);
    expect(await emailOf(ada.user.id)).toBe(old);

    // The button's POST needs the page's CSRF value.
    const forged = await t.app.request(link, { method: 'POST', headers: { cookie: [...ada.b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    expect(await emailOf(ada.user.id)).toBe(old);

    const done = await ada.b.post(link);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/settings?saved=email-changed');
    expect(await emailOf(ada.user.id)).toBe(target);
    expect(await (await ada.b.get('/settings?saved=email-changed')).text()).toContain(`Your account now uses ${target}.`);
    // The phone's session ended; this browser's stays.
    expect((await phone.get('/settings')).status).toBe(303);
    expect((await ada.b.get('/settings')).status).toBe(200);
    // The old address is told, with no link in the mail.
    const [notice] = await mailsTo(old);
    expect(notice?.subject).toBe('Your Paperboy address was changed');
    expect(notice?.text).toContain(`@${ada.user.handle}`);
    expect(notice?.text).not.toMatch(/https?:\/\//);
    expect(notice?.html || '').toBe('');
    // The digest moved along; sign-in takes the new address only.
    expect(await findSubscriberByEmail(t.database.db, old)).toBeUndefined();
    expect((await findSubscriberByEmail(t.database.db, target))?.status).toBe('active');
    const again = pageClient(t.app, { ip: '192.0.2.78' });
    await again.get('/signin');
    expect((await again.post('/signin', { email: old, password: PASSWORD })).status).toBe(401);
    expect((await again.post('/signin', { email: target, password: PASSWORD })).status).toBe(303);

    // Used once: the link says so, and changes nothing more.
    const reused = await ada.b.get(link);
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('This link has expired or was already used');
    expect((await ada.b.post(link)).status).toBe(400);
  });

  it('refuses an expired link, one replaced by a newer request, and one outdated by a new password', async () => {
    const ada = await person(t, 'Ada Late');
    await ada.b.get('/settings');
    const first = fresh('late.one');
    await ada.b.post('/settings/email', { email: first, current: PASSWORD });
    const firstLink = linkIn((await mailsTo(first))[0]?.text ?? '', BASE);
    // A newer request voids the first link.
    const second = fresh('late.two');
    await ada.b.post('/settings/email', { email: second, current: PASSWORD });
    const secondLink = linkIn((await mailsTo(second))[0]?.text ?? '', BASE);
    expect((await ada.b.get(firstLink)).status).toBe(400);
    // After 24 hours the second is dead too.
    t.ctx.now = () => new Date(TEST_NOW.getTime() + 24 * 3_600_000 + 1000);
    const late = await ada.b.get(secondLink);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('This link has expired or was already used');
    expect((await ada.b.post(secondLink)).status).toBe(400);
    t.ctx.now = () => TEST_NOW;
    expect(await emailOf(ada.user.id)).toBe(ada.email);

    // A link asked for under the old password stops working once the password changes.
    const third = fresh('late.three');
    await ada.b.get('/settings');
    await ada.b.post('/settings/email', { email: third, current: PASSWORD });
    const thirdLink = linkIn((await mailsTo(third))[0]?.text ?? '', BASE);
    expect((await ada.b.get(thirdLink)).status).toBe(200);
    await ada.b.get('/settings');
    expect((await ada.b.post('/settings/password', { current: PASSWORD, password: 'a brand new password' })).status).toBe(303);
    expect((await ada.b.get(thirdLink)).status).toBe(400);
    expect(await emailOf(ada.user.id)).toBe(ada.email);
    // A made-up link, too.
    expect((await ada.b.get('/email/confirm/made-up.token')).status).toBe(400);
  });

  it('voids the reset links mailed to the old address once the account moves', async () => {
    const ada = await person(t, 'Ada Reset');
    const old = ada.email;
    const asker = pageClient(t.app, { ip: '192.0.2.91' });
    await asker.get('/reset');
    await asker.post('/reset', { email: old });
    const resetLink = linkIn((await mailsTo(old)).find((m) => m.subject === 'Reset your Paperboy password')?.text ?? '', BASE);
    expect((await asker.get(resetLink)).status).toBe(200);

    await ada.b.get('/settings');
    const target = fresh('reset.move');
    await ada.b.post('/settings/email', { email: target, current: PASSWORD });
    const link = linkIn((await mailsTo(target))[0]?.text ?? '', BASE);
    await ada.b.get(link);
    expect((await ada.b.post(link)).status).toBe(303);
    expect(await emailOf(ada.user.id)).toBe(target);

    // Whoever still reads the old mailbox cannot take the account back with a link sent there.
    expect((await asker.get(resetLink)).status).toBe(400);
    expect((await asker.post(resetLink, { password: 'taken over at last' })).status).toBe(400);
    expect((await ada.b.get('/settings')).status).toBe(200);
  });

  it('mails nothing for a wrong password, and counts it as a failed sign-in', async () => {
    const ada = await person(t, 'Ada Wrong');
    await ada.b.get('/settings');
    const target = fresh('wrong');
    const res = await ada.b.post('/settings/email', { email: target, current: 'not my password' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('That is not your current password.');
    expect(html.indexOf('That is not your current password.')).toBeGreaterThan(html.indexOf('id="email-title"'));
    expect(await mailsTo(target)).toHaveLength(0);
    const counted = await t.database.db.selectFrom('rate_limits').select('count').where('key', '=', `signin-account:${ada.email}`).executeTakeFirst();
    expect(counted?.count).toBe(1);
    // Its own address, or no address, is refused before the password is looked at.
    expect((await ada.b.post('/settings/email', { email: ada.email, current: PASSWORD })).status).toBe(400);
    expect((await ada.b.post('/settings/email', { email: 'not an address', current: PASSWORD })).status).toBe(400);
  });

  it('answers the same for an address that has an account, whose owner is told without a link', async () => {
    const ada = await person(t, 'Ada Taker');
    const bob = await person(t, 'Bob Taken');
    await ada.b.get('/settings');
    const free = fresh('free');
    const a = await ada.b.post('/settings/email', { email: free, current: PASSWORD });
    const b = await ada.b.post('/settings/email', { email: bob.email, current: PASSWORD });
    expect([b.status, b.headers.get('location')]).toEqual([a.status, a.headers.get('location')]);
    expect(await b.text()).toBe(await a.text());
    const [told] = await mailsTo(bob.email);
    expect(told?.subject).toBe('Someone tried to move a Paperboy account to your address');
    expect(told?.text).not.toContain('/email/confirm/');
    expect(told?.text).toContain('Nothing was changed');
    // No pending move to Bob's address exists, and both accounts keep theirs.
    const pending = await t.database.db.selectFrom('email_changes').select('new_email').where('user_id', '=', ada.user.id).where('used_at', 'is', null).execute();
    expect(pending.map((p) => p.new_email)).toEqual([free]);
    expect(await emailOf(ada.user.id)).toBe(ada.email);
    expect(await emailOf(bob.user.id)).toBe(bob.email);
  });

  it('mails one address at most three links an hour, whoever asks, and answers the fourth the same', async () => {
    const ada = await person(t, 'Ada Flood');
    const bob = await person(t, 'Bob Flood');
    await ada.b.get('/settings');
    await bob.b.get('/settings');
    const target = fresh('flooded');
    const answers = [];
    for (const who of [ada, ada, bob, bob]) {
      const res = await who.b.post('/settings/email', { email: target, current: PASSWORD });
      answers.push([res.status, res.headers.get('location')]);
    }
    expect(answers).toEqual(Array(4).fill([303, '/settings?saved=email']));
    expect(await mailsTo(target)).toHaveLength(3);
  });

  it('moves nothing when the new address got an account after the link was mailed', async () => {
    const ada = await person(t, 'Ada Late');
    await ada.b.get('/settings');
    const target = fresh('late');
    await ada.b.post('/settings/email', { email: target, current: PASSWORD });
    const link = linkIn((await mailsTo(target))[0]?.text ?? '', BASE);
    await createUserDirect(t.database.db, { email: target, password: PASSWORD, name: 'Someone Else', role: 'user' }, TEST_NOW);
    await ada.b.get(link);
    const res = await ada.b.post(link);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(`${target} has an account of its own since this link was sent, so yours keeps its address.`);
    expect(await emailOf(ada.user.id)).toBe(ada.email);
  });

  it('refuses a form without the CSRF value, and a visitor who is not signed in', async () => {
    const ada = await person(t, 'Ada Csrf');
    await ada.b.get('/settings');
    const target = fresh('csrf');
    expect((await ada.b.post('/settings/email', { email: target, current: PASSWORD, _csrf: 'forged' })).status).toBe(403);
    const anon = pageClient(t.app);
    await anon.get('/');
    expect((await anon.post('/settings/email', { email: target, current: PASSWORD })).status).toBe(303);
    expect(await mailsTo(target)).toHaveLength(0);
  });

  it('a link confirmed in a browser that is not signed in moves the account and asks to sign in', async () => {
    const ada = await person(t, 'Ada Elsewhere');
    await ada.b.get('/settings');
    const target = fresh('elsewhere');
    await ada.b.post('/settings/email', { email: target, current: PASSWORD });
    const link = linkIn((await mailsTo(target))[0]?.text ?? '', BASE);
    const other = pageClient(t.app, { ip: '192.0.2.90' });
    await other.get(link);
    const res = await other.post(link);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Your account now uses ${target}`);
    expect(await emailOf(ada.user.id)).toBe(target);
    expect((await ada.b.get('/settings')).status).toBe(303);
  });

  it('mails the link through the JSON API as well, with the same answer for a taken address', async () => {
    const ada = await person(t, 'Ada Api');
    const bob = await person(t, 'Bob Api');
    const target = fresh('api');
    const free = await ada.api('POST', '/api/account/email', { email: target, password: PASSWORD });
    expect(free.status).toBe(202);
    expect(await free.json()).toEqual({ pending: true, email: target });
    const taken = await ada.api('POST', '/api/account/email', { email: bob.email, password: PASSWORD });
    expect(taken.status).toBe(202);
    expect(await taken.json()).toEqual({ pending: true, email: bob.email });
    expect((await ada.api('POST', '/api/account/email', { email: target, password: 'wrong password' })).status).toBe(400);
    expect(await mailsTo(target)).toHaveLength(1);
  });
});
