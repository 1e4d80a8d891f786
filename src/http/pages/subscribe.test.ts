// The subscription end to end over HTTP and a real SMTP server: subscribe from the footer form,
// confirm from the mailed link, set preferences by signed link, receive the digest, unsubscribe;
// the confirmation is mailed in the background and at most a few times an hour per address.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { sendDigests } from '../../actions/digest-send.ts';
import { LIMITS } from '../../actions/rate-limit.ts';
import { findSubscriberByEmail, listFollows } from '../../db/subscribers.ts';
import { mailLater } from '../../mail/background.ts';
import { subscriptionLink } from '../../actions/subscription-links.ts';

// The tests run at 12:00 UTC on Aug 21 (TEST_NOW): this day's digest is the first due after confirming.
const DAY = '2026-08-21';

describe.each(DIALECTS)('digest subscription (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  afterEach(async () => {
    await smtp?.close();
    await t?.close();
  });

  /** A browser session: the CSRF cookie and the value forms carry. */
  async function session() {
    const res = await t.app.request('/');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
    const post = (path: string, fields: Record<string, string>) =>
      t.app.request(path, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    return { post, cookie };
  }
  const send = () => sendDigests({ db: t.database.db, search: t.ctx.search, mailer: t.ctx.mailer, secret: t.ctx.secret, baseUrl: t.ctx.baseUrl, siteName: 'Paperboy', now: t.ctx.now });
  const local = (url: string) => url.replace('http://paperboy.test', '');

  it('double opt-in, preferences by link, the digest, and one-click unsubscribe', async () => {
    t = await createTestApp(dialect, [
      paperInput({ title: 'Speculative decoding at scale', abstract: 'Speculative decoding for large models.', feedDate: DAY, upvotes: 12, organization: 'DeepMind' }),
      paperInput({ title: 'Robots that fold laundry', feedDate: DAY, upvotes: 30 }),
    ]);
    smtp = await startSmtp();
    t.ctx.mailer = smtp.mailer();
    t.ctx.mailLater = mailLater(t.ctx.mailer, t.ctx.logger);
    const s = await session();
    expect(await (await t.app.request('/')).text()).toContain('action="/subscribe"');

    const res = await s.post('/subscribe', { email: ' Reader@Example.org ' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    await t.ctx.mailLater.idle();
    expect(smtp.received).toHaveLength(1);
    const confirm = smtp.received[0]!;
    expect(confirm.subject).toContain('Confirm');
    expect(confirm.html).toBeTruthy();
    const confirmUrl = /(http:\/\/paperboy\.test\/subscribe\/confirm\/\S+)/.exec(confirm.text!)![1]!;

    // Nothing but the confirmation before the link is followed.
    expect((await send()).enqueued).toBe(0);
    expect(smtp.received).toHaveLength(1);

    // Following the link (as a mail scanner does) only shows a button; it changes nothing.
    const button = await t.app.request(local(confirmUrl));
    expect(button.status).toBe(200);
    const form = await button.text();
    expect(form).toContain('reader@example.org');
    expect(form).toContain(`<form method="post" action="${local(confirmUrl)}">`);
    expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!.status).toBe('pending');
    expect((await send()).enqueued).toBe(0);
    // The button's POST confirms, with no cookie: the signed link is the credential.
    const confirmed = await t.app.request(local(confirmUrl), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    const page = await confirmed.text();
    expect(page).toContain('You are subscribed');
    expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!.status).toBe('active');
    // Opened again, the link says so and leads to the preferences: nothing left to confirm.
    const again = await (await t.app.request(local(confirmUrl))).text();
    expect(again).toContain('Already subscribed');
    expect(again).not.toContain(`<form method="post" action="${local(confirmUrl)}">`);
    expect(again).toMatch(/href="\/subscription\/[^"]+">Choose when/);

    const prefsPath = /href="(\/subscription\/[^"]+)"/.exec(page)![1]!;
    const prefs = await t.app.request(prefsPath);
    expect(prefs.status).toBe(200);
    expect(await prefs.text()).toContain('no mail is sent');
    const saved = await s.post(prefsPath, { frequency: 'daily', hour: '7', timezone: 'Europe/Paris', weekends: 'on', max_papers: '5', trending: 'on', topics: 'speculative decoding', organizations: 'DeepMind', authors: '', categories: '' });
    expect(saved.status).toBe(303);
    const sub = (await findSubscriberByEmail(t.database.db, 'reader@example.org'))!;
    expect(sub).toMatchObject({ hour: 7, timezone: 'Europe/Paris', max_papers: 5 });
    expect(await listFollows(t.database.db, sub.id)).toEqual([
      { kind: 'organization', value: 'DeepMind' },
      { kind: 'topic', value: 'speculative decoding' },
    ]);
    // The next digest's time reads in the subscriber's zone.
    expect(await (await t.app.request(prefsPath)).text()).toMatch(/Next digest: the papers of Aug 21, 2026, sent \w{3} 22 Aug, 07:00 CEST\./);
    const bad = await s.post(prefsPath, { timezone: 'Mars/Olympus', hour: '7' });
    expect(bad.status).toBe(400);
    // A refused save shows the form as it was sent, nothing typed lost, and stores none of it.
    const typed = { frequency: 'weekly', hour: '18', timezone: 'Mars/Olympus', max_papers: '12', topics: 'speculative decoding\nmixture of experts', authors: 'Song Han', organizations: '', categories: 'cs.LG' };
    const refused = await s.post(prefsPath, typed);
    expect(refused.status).toBe(400);
    const resent = await refused.text();
    expect(resent).toContain('&quot;Mars/Olympus&quot; is not a time zone');
    expect(resent).toContain('<option value="weekly" selected="">');
    expect(resent).toContain('<option value="18" selected="">');
    expect(resent).toContain('id="timezone" name="timezone" type="text" value="Mars/Olympus"');
    expect(resent).toContain('value="12"');
    expect(resent).toMatch(/<input type="checkbox" name="weekends"\/>/);
    expect(resent).toMatch(/<textarea id="topics"[^>]*>speculative decoding\nmixture of experts<\/textarea>/);
    expect(resent).toMatch(/<textarea id="authors"[^>]*>Song Han<\/textarea>/);
    expect(resent).toMatch(/<textarea id="organizations"[^>]*><\/textarea>/);
    expect(resent).toMatch(/<textarea id="categories"[^>]*>cs.LG<\/textarea>/);
    expect(await findSubscriberByEmail(t.database.db, 'reader@example.org')).toMatchObject({ frequency: 'daily', hour: 7, timezone: 'Europe/Paris', max_papers: 5 });
    expect(await listFollows(t.database.db, sub.id)).toHaveLength(2);
    // Opened afresh, the page shows what is stored.
    expect(await (await t.app.request(prefsPath)).text()).toMatch(/<textarea id="organizations"[^>]*>DeepMind<\/textarea>/);
    // Trending off with nothing followed can never send anything: the page says so.
    const nothing = 'your digest has nothing to hold';
    expect(await (await t.app.request(prefsPath)).text()).not.toContain(nothing);
    const empty = { frequency: 'daily', hour: '7', timezone: 'Europe/Paris', weekends: 'on', max_papers: '5', topics: '', organizations: '', authors: '', categories: '' };
    expect((await s.post(prefsPath, empty)).status).toBe(303);
    expect(await (await t.app.request(prefsPath)).text()).toContain(nothing);
    expect((await s.post(prefsPath, { ...empty, trending: 'on', topics: 'speculative decoding', organizations: 'DeepMind' })).status).toBe(303);
    expect(await (await t.app.request(prefsPath)).text()).not.toContain(nothing);

    // Nothing at once (the digest of the 20th was due before confirming): the one announced, when announced.
    expect(await send()).toMatchObject({ enqueued: 0, notQueued: { confirmedLater: 1 } });
    const confirmedAt = t.ctx.now();
    t.ctx.now = () => new Date('2026-08-22T05:00:00Z');
    expect((await send()).sent).toBe(1);
    t.ctx.now = () => confirmedAt;
    const digest = smtp.received[1]!;
    // The paper matches both follows: it shows once, in the first section (the topic then has none).
    expect(digest.text).toContain('New from DeepMind');
    expect(digest.text).not.toContain('New on “speculative decoding”');
    expect(digest.text!.split('Speculative decoding at scale')).toHaveLength(2);
    expect(digest.html).toContain('Robots that fold laundry');
    for (const m of digest.text!.matchAll(/http:\/\/paperboy\.test(\/\S+)/g)) {
      const r = await t.app.request(m[1]!);
      expect(r.status, m[1]).toBe(200);
    }
    const unsub = /(http:\/\/paperboy\.test\/unsubscribe\/\S+)/.exec(digest.text!)![1]!;
    // A mail client's one-click POST: no cookie, no CSRF field.
    const one = await t.app.request(local(unsub), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(one.status).toBe(200);
    expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!.status).toBe('unsubscribed');
    // The preferences page says so, with the way back (it has no subscribe box of its own).
    expect(await (await t.app.request(prefsPath)).text()).toContain('You are unsubscribed. <a href="/subscribe">Subscribe again</a> to restart the digest.');
    // The link opened again later says it is done instead of asking again.
    const later = await (await t.app.request(local(unsub))).text();
    expect(later).toContain('Already unsubscribed');
    expect(later).not.toContain('Stop sending the digest');
    // Undone from the page that follows, with the same signed link.
    const undo = /<form method="post" action="(\/unsubscribe\/[^"]+\/undo)">/.exec(await one.text())![1]!;
    expect(await (await t.app.request(undo, { method: 'POST' })).text()).toContain('You are subscribed again');
    expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!).toMatchObject({ status: 'active', unsubscribed_at: null });
    // Only within the hour: an old digest's link cannot sign the address up again later.
    await t.app.request(local(unsub), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const at = t.ctx.now();
    t.ctx.now = () => new Date(at.getTime() + 2 * 3_600_000);
    try {
      expect(await (await t.app.request(undo, { method: 'POST' })).text()).toContain('only within the hour');
      expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!.status).toBe('unsubscribed');
    } finally {
      t.ctx.now = () => at;
    }
    // A bounced address is not revived that way, and a forged link does nothing.
    await t.database.db.updateTable('subscribers').set({ status: 'bounced' }).where('email', '=', 'reader@example.org').execute();
    expect(await (await t.app.request(undo, { method: 'POST' })).text()).toContain('Digests stay stopped');
    expect((await findSubscriberByEmail(t.database.db, 'reader@example.org'))!.status).toBe('bounced');
    expect((await t.app.request(undo.replace(/\/unsubscribe\/(.)/, '/unsubscribe/x$1'), { method: 'POST' })).status).toBeGreaterThanOrEqual(400);
  });

  it('a confirmation link confirms once, and not after an unsubscribe that came after it: subscribing again takes a new mail', async () => {
    t = await createTestApp(dialect);
    const s = await session();
    const email = 'once@example.org';
    const status = async () => (await findSubscriberByEmail(t.database.db, email))!.status;
    const lastLink = () => local(/(http:\/\/paperboy\.test\/subscribe\/confirm\/\S+)/.exec(t.mailer.sent.filter((m) => m.to === email).at(-1)!.text!)![1]!);
    const at = (minutes: number) => {
      t.ctx.now = () => new Date(TEST_NOW.getTime() + minutes * 60_000);
    };
    await s.post('/subscribe', { email });
    await t.ctx.mailLater.idle();
    const first = lastLink();
    at(1);
    expect(await (await t.app.request(first, { method: 'POST' })).text()).toContain('You are subscribed');
    // Pressed again: nothing changes, and the page says the address already gets the digest.
    at(2);
    expect(await (await t.app.request(first, { method: 'POST' })).text()).toContain('Already subscribed');

    // One click on a digest's unsubscribe link, then the old confirmation link: it stays unsubscribed.
    at(3);
    const sub = (await findSubscriberByEmail(t.database.db, email))!;
    const unsub = subscriptionLink('', t.ctx.secret, 'digest-unsubscribe', sub.id);
    await t.app.request(unsub, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await status()).toBe('unsubscribed');
    at(4);
    for (const res of [await t.app.request(first), await t.app.request(first, { method: 'POST' })]) {
      expect(res.status).toBe(410);
      const page = await res.text();
      expect(page).toContain('This link was used');
      expect(page).toContain('<a href="/subscribe">Subscribe again</a>');
      expect(page).not.toContain('<form method="post" action="/subscribe/confirm/');
    }
    expect(await status()).toBe('unsubscribed');

    // Subscribing again mails a new link, which works once; the first still does nothing.
    at(5);
    await s.post('/subscribe', { email });
    await t.ctx.mailLater.idle();
    const second = lastLink();
    expect(second).not.toBe(first);
    expect(await (await t.app.request(second)).text()).toContain('<form method="post" action="/subscribe/confirm/');
    at(6);
    expect(await (await t.app.request(second, { method: 'POST' })).text()).toContain('You are subscribed');
    expect(await status()).toBe('active');
    at(7);
    await t.app.request(unsub, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    at(8);
    expect((await t.app.request(second, { method: 'POST' })).status).toBe(410);
    expect((await t.app.request(first, { method: 'POST' })).status).toBe(410);
    expect(await status()).toBe('unsubscribed');
  });

  it('answers at once while the mail server stalls, and the next mails still go out', async () => {
    t = await createTestApp(dialect);
    smtp = await startSmtp();
    smtp.faults.push('stall');
    t.ctx.mailer = smtp.mailer();
    t.ctx.mailLater = mailLater(t.ctx.mailer, t.ctx.logger);
    const s = await session();
    const timer = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 3000).unref());
    const res = await Promise.race([s.post('/subscribe', { email: 'patient@example.org' }), timer]);
    expect(res).toBeInstanceOf(Response);
    expect(await (res as Response).text()).toContain('Check your inbox');
    // The next request is not held by the stalled one, and its mail arrives.
    expect((await s.post('/subscribe', { email: 'next@example.org' })).status).toBe(200);
    await expect.poll(() => smtp.received.map((m) => m.subject), { timeout: 5000 }).toHaveLength(1);
  });

  it(`mails an address at most ${LIMITS.subscribePerAddress.max} times an hour, answering every request the same`, async () => {
    t = await createTestApp(dialect);
    const s = await session();
    const pages: string[] = [];
    for (let i = 0; i < LIMITS.subscribePerAddress.max + 2; i++) {
      const res = await s.post('/subscribe', { email: 'flooded@example.org' });
      expect(res.status).toBe(200);
      pages.push(await res.text());
    }
    expect(new Set(pages).size).toBe(1);
    expect(t.mailer.sent.filter((m) => m.to === 'flooded@example.org')).toHaveLength(LIMITS.subscribePerAddress.max);
    // Another address is mailed as usual, and this one again after the hour.
    await s.post('/subscribe', { email: 'neighbour@example.org' });
    expect(t.mailer.sent.filter((m) => m.to === 'neighbour@example.org')).toHaveLength(1);
    t.ctx.now = () => new Date(TEST_NOW.getTime() + LIMITS.subscribePerAddress.windowMs + 60_000);
    await s.post('/subscribe', { email: 'flooded@example.org' });
    expect(t.mailer.sent.filter((m) => m.to === 'flooded@example.org')).toHaveLength(LIMITS.subscribePerAddress.max + 1);
  });

  it("starts a new subscription in the browser's time zone when the form carries a valid one", async () => {
    t = await createTestApp(dialect);
    const s = await session();
    // The footer box carries the field timezone.js fills.
    expect(await (await t.app.request('/')).text()).toContain('<input type="hidden" name="timezone" value="" data-timezone=""/>');
    for (const [email, timezone, stored] of [
      ['tokyo@example.org', 'Asia/Tokyo', 'Asia/Tokyo'],
      ['mars@example.org', 'Mars/Olympus', 'UTC'],
      ['long@example.org', 'x'.repeat(500), 'UTC'],
      ['none@example.org', '', 'UTC'],
    ] as const) {
      expect((await s.post('/subscribe', { email, timezone })).status, email).toBe(200);
      expect((await findSubscriberByEmail(t.database.db, email))!.timezone, email).toBe(stored);
    }
    // An existing subscription keeps the zone its owner chose.
    expect((await s.post('/subscribe', { email: 'tokyo@example.org', timezone: 'Europe/Paris' })).status).toBe(200);
    expect((await findSubscriberByEmail(t.database.db, 'tokyo@example.org'))!.timezone).toBe('Asia/Tokyo');
  });

  it('refuses bad addresses, forged links and forms without the CSRF value', async () => {
    t = await createTestApp(dialect);
    const s = await session();
    expect((await s.post('/subscribe', { email: 'not-an-address' })).status).toBe(400);
    expect(t.mailer.sent).toHaveLength(0);
    expect((await t.app.request('/subscribe/confirm/abc.def')).status).toBe(404);
    expect((await t.app.request('/subscribe/confirm/abc.def', { method: 'POST' })).status).toBe(404);
    expect((await t.app.request('/subscription/abc.def')).status).toBe(404);
    expect((await t.app.request('/unsubscribe/abc.def', { method: 'POST' })).status).toBe(404);
    const noCsrf = await t.app.request('/subscribe', { method: 'POST', body: 'email=a@example.org', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(noCsrf.status).toBe(403);
  });
});
