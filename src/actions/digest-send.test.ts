// Sending digests against a real SMTP server: content, one-click unsubscribe, and exactly once
// through dropped connections, 451, 550, expired claims and racing senders; an unreachable server
// (refused, silent) stopping the run without using up attempts;
// the MIME structure of what arrives; catching up after downtime; refusals that are not bounces;
// the first digest after confirming is the one the preferences page announces, and a run says
// why subscribers got nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { refusedSmtpUrl, silentSmtp, startSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addSubscriber } from '../../test/subscribers.ts';
import { claimRow, enqueueDigests, outboxCounts } from '../db/outbox.ts';
import { getSubscriber, updateSubscriber } from '../db/subscribers.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { pino } from 'pino';
import { MAX_ATTEMPTS, type SendDeps, sendDigests, UNREACHABLE_RETRY_MS } from './digest-send.ts';
import { preferencesState } from './subscription-prefs.ts';
import { periodLabel } from '../core/digest-period.ts';

const DAY = '2026-08-20';
const papers = () => [
  paperInput({ title: 'Speculative decoding with draft trees', abstract: 'We speed up speculative decoding of large language models with draft trees. '.repeat(4), feedDate: DAY, upvotes: 40, organization: 'DeepMind', categories: ['cs.CL'], authors: ['Grace Hopper', 'Ada Lovelace'] }),
  paperInput({ title: 'Diffusion models for proteins', abstract: 'Protein structure generation with diffusion.', feedDate: DAY, upvotes: 25, organization: 'Meta', categories: ['q-bio.BM'], authors: ['Rosalind Franklin'] }),
  paperInput({ title: 'A benchmark for table understanding', abstract: 'Tables.', feedDate: DAY, upvotes: 5, categories: ['cs.CL'] }),
  paperInput({ title: 'Older paper on speculative decoding', abstract: 'Speculative decoding, the earlier take.', feedDate: '2026-08-10', upvotes: 99, categories: ['cs.CL'] }),
];

/** A clock tests move forward. */
function clock(start = '2026-08-21T12:00:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe.each(DIALECTS)('sending digests (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  afterEach(async () => {
    await smtp?.close();
    await t?.close();
  });

  const deps = (mailer: Mailer, now: () => Date): SendDeps => ({ db: t.database.db, search: t.ctx.search, mailer, secret: t.ctx.secret, baseUrl: t.ctx.baseUrl, siteName: 'Paperboy', now });
  const attempts = async () => (await t.database.db.selectFrom('digest_outbox').select('attempts').execute()).map((r) => r.attempts);
  const recipients = () => smtp.received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address).sort();

  it('sends each due digest once, multipart, with one-click unsubscribe that works', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    const a = await addSubscriber(t.database.db, { email: 'a@example.org' }, [{ kind: 'topic', value: 'speculative decoding' }, { kind: 'author', value: 'Rosalind Franklin' }]);
    await addSubscriber(t.database.db, { email: 'b@example.org' });
    await addSubscriber(t.database.db, { email: 'c@example.org', status: 'pending' });
    const c = clock();
    const report = await sendDigests(deps(smtp.mailer(), c.now));
    expect(report).toMatchObject({ enqueued: 2, sent: 2 });
    expect(recipients()).toEqual(['a@example.org', 'b@example.org']);
    // Running again sends nothing more.
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(0);
    expect(smtp.received).toHaveLength(2);

    const mail = smtp.received.find((m) => m.text?.includes('a@example.org') || (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === 'a@example.org')!;
    expect(mail.subject).toContain('Aug 20, 2026');
    expect(mail.text).toContain('New on “speculative decoding”');
    expect(mail.text).toContain('Speculative decoding with draft trees');
    expect(mail.text).not.toContain('Older paper');
    expect(mail.text).toContain('New from Rosalind Franklin');
    expect(mail.text).toContain('Trending');
    expect(mail.html).toContain('<table');
    expect(mail.html).toContain('https://arxiv.org/abs/');
    expect(mail.messageId).toBe(`<digest.${DAY}.${a}@paperboy.test>`);
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsub = /<(https?:[^>]+)>/.exec(header('list-unsubscribe') ?? '')![1]!;
    expect(mail.text).toContain(unsub);

    // Links in the mail work against the app.
    const paperLink = /http:\/\/paperboy\.test(\/papers\/[^\s]+)/.exec(mail.text!)![1]!;
    expect((await t.app.request(paperLink)).status).toBe(200);
    // The visible link shows a button (GET never unsubscribes); the one-click POST does, without cookies.
    const path = unsub.replace('http://paperboy.test', '');
    const page = await t.app.request(path);
    expect(page.status).toBe(200);
    expect((await getSubscriber(t.database.db, a))!.status).toBe('active');
    const post = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(200);
    expect((await getSubscriber(t.database.db, a))!.status).toBe('unsubscribed');
  });

  it('a received digest is multipart/alternative (text/plain, then text/html) and its HTML links work', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    await addSubscriber(t.database.db, { email: 'a@example.org' }, [{ kind: 'topic', value: 'speculative decoding' }]);
    expect((await sendDigests(deps(smtp.mailer(), clock().now))).sent).toBe(1);

    const top = mimePart(smtp.raw[0]!.toString('utf8'));
    expect(top.type).toBe('multipart/alternative');
    const boundary = /boundary="?([^";]+)"?/.exec(top.headers['content-type']!)![1]!;
    const parts = top.body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((p) => mimePart(p.replace(/^\r?\n/, '')));
    expect(parts.map((p) => p.type)).toEqual(['text/plain', 'text/html']);
    for (const p of parts) expect(p.headers['content-type']).toMatch(/charset=utf-8/i);
    expect(top.body.trimEnd().endsWith(`--${boundary}--`)).toBe(true);

    // Links followed from the HTML part, as a reader clicks them, answer from the app.
    const html = smtp.received[0]!.html as string;
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const paper = hrefs.find((h) => h.startsWith('http://paperboy.test/papers/'))!;
    const page = await t.app.request(paper.replace('http://paperboy.test', ''));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Speculative decoding with draft trees');
    const unsub = hrefs.find((h) => h.startsWith('http://paperboy.test/unsubscribe/'))!;
    const button = await t.app.request(unsub.replace('http://paperboy.test', ''));
    expect(button.status).toBe(200);
    expect(await button.text()).toContain('Unsubscribe');
    const prefs = hrefs.find((h) => h.startsWith('http://paperboy.test/subscription/'))!;
    expect((await t.app.request(prefs.replace('http://paperboy.test', ''))).status).toBe(200);
    expect(hrefs.some((h) => h.startsWith('https://arxiv.org/abs/'))).toBe(true);
  });

  it('sends nothing when nothing is new, and says so in the outbox', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    await addSubscriber(t.database.db, { trending: 0 }, [{ kind: 'topic', value: 'quantum chromodynamics lattice' }]);
    const report = await sendDigests(deps(smtp.mailer(), clock().now));
    expect(report).toMatchObject({ enqueued: 1, sent: 0, empty: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it('retries dropped connections and 451, counting the attempts, and delivers once', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    for (let i = 0; i < 3; i++) await addSubscriber(t.database.db);
    const c = clock();
    // A connection dropped in the middle of one mail is that mail's failure, not an outage.
    smtp.faults.push('drop', 451);
    const first = await sendDigests(deps(smtp.mailer(), c.now));
    expect(first).toMatchObject({ enqueued: 3, sent: 1, retrying: 2 });
    expect(first.stopped).toBeUndefined();
    // Each of the three counts its attempt (the one sent too).
    expect(await attempts()).toEqual([1, 1, 1]);
    // Before the backoff passes nothing is retried.
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(0);
    c.advance(31_000);
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(2);
    expect(recipients()).toHaveLength(3);
    expect(new Set(recipients()).size).toBe(3);
    expect(await outboxCounts(t.database.db)).toEqual({ sent: 3 });
  });

  it('an unreachable server (refused, or silent) stops the run, costs no attempt, and every digest goes once it is back', async () => {
    t = await createTestApp(dialect, papers());
    for (let i = 0; i < 6; i++) await addSubscriber(t.database.db);
    const c = clock();
    const tried = async () => (await t.database.db.selectFrom('digest_outbox').select('last_error').execute()).filter((r) => r.last_error !== null).length;
    const refused = createMailer({ smtpUrl: await refusedSmtpUrl(), from: 'x@paperboy.test', logger: pino({ level: 'silent' }) });

    // Connection refused: the first failure stops the run; nothing else is tried.
    const down = await sendDigests(deps(refused, c.now), { concurrency: 1 });
    expect(down).toMatchObject({ enqueued: 6, sent: 0, retrying: 0, failed: 0, bounced: 0 });
    expect(down.stopped).toMatch(/^SMTP server unreachable, 6 digests left queued \(the SMTP server could not be reached.*ECONNREFUSED/);
    expect(await tried()).toBe(1);
    expect(await attempts()).toEqual([0, 0, 0, 0, 0, 0]);

    // A server that takes the connection and never greets: the two mails in flight wait out the timeout, no more.
    const silent = await silentSmtp();
    try {
      const hung = createMailer({ smtpUrl: silent.url, from: 'x@paperboy.test', logger: pino({ level: 'silent' }), timeoutSeconds: 0.2 });
      const report = await sendDigests(deps(hung, c.now), { concurrency: 2 });
      hung.close();
      expect(report).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
      expect(report.stopped).toMatch(/^SMTP server unreachable, 6 digests left queued .*ETIMEDOUT/);
      expect(await tried()).toBe(3);
      expect(await attempts()).toEqual([0, 0, 0, 0, 0, 0]);
    } finally {
      await silent.close();
    }

    // An outage longer than MAX_ATTEMPTS runs gives nothing up.
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      c.advance(UNREACHABLE_RETRY_MS + 1000);
      expect((await sendDigests(deps(refused, c.now))).stopped).toMatch(/^SMTP server unreachable, 6 digests left queued/);
    }
    refused.close();
    expect(await attempts()).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await outboxCounts(t.database.db)).toEqual({ pending: 6 });

    // The server is back: every digest goes, once.
    smtp = await startSmtp();
    c.advance(UNREACHABLE_RETRY_MS + 1000);
    const back = await sendDigests(deps(smtp.mailer(), c.now));
    expect(back).toMatchObject({ sent: 6, retrying: 0, failed: 0 });
    expect(back.stopped).toBeUndefined();
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(0);
    expect(new Set(recipients()).size).toBe(6);
    expect(smtp.received).toHaveLength(6);
    expect(await outboxCounts(t.database.db)).toEqual({ sent: 6 });
  });

  it('marks a 550 as bounced and mails that address no more', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    const bad = await addSubscriber(t.database.db, { email: 'gone@example.org' });
    await addSubscriber(t.database.db, { email: 'ok@example.org' });
    smtp.recipientFaults.set('gone@example.org', 550);
    const c = clock();
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ sent: 1, bounced: 1 });
    expect((await getSubscriber(t.database.db, bad))!.status).toBe('bounced');
    c.advance(86_400_000);
    await t.add([paperInput({ feedDate: '2026-08-21' })]);
    smtp.recipientFaults.clear();
    await sendDigests(deps(smtp.mailer(), c.now));
    expect(recipients()).toEqual(['ok@example.org', 'ok@example.org']);
  });

  it('a refused login or a refused sender stops the run and marks nobody bounced', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp({ login: { user: 'paperboy', pass: 'right' } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await addSubscriber(t.database.db));
    const c = clock();
    const statuses = async () => Promise.all(ids.map(async (id) => (await getSubscriber(t.database.db, id))!.status));

    // A wrong password (535): the run stops with the reason, nobody bounced, no attempt counted.
    const wrong = await sendDigests(deps(smtp.mailer({ user: 'paperboy', pass: 'wrong' }), c.now), { concurrency: 1 });
    expect(wrong).toMatchObject({ enqueued: 5, sent: 0, bounced: 0, failed: 0 });
    expect(wrong.stopped).toMatch(/refused the login/);
    expect(await statuses()).toEqual(['active', 'active', 'active', 'active', 'active']);
    expect(await attempts()).toEqual([0, 0, 0, 0, 0]);

    // The sender refused (553 at MAIL FROM): the same.
    smtp.senderRefusal = '553 5.7.1 Sender address rejected: not owned by user';
    const sender = await sendDigests(deps(smtp.mailer({ user: 'paperboy', pass: 'right' }), c.now));
    expect(sender).toMatchObject({ sent: 0, bounced: 0 });
    expect(sender.stopped).toMatch(/refused the sender/);
    expect(await statuses()).toEqual(['active', 'active', 'active', 'active', 'active']);
    expect(smtp.received).toHaveLength(0);

    // "Relay access denied" at RCPT TO is about us too, not the recipient.
    smtp.senderRefusal = undefined;
    for (const id of ids) smtp.rcptRefusals.set((await getSubscriber(t.database.db, id))!.email, '554 5.7.1 Relay access denied');
    const relay = await sendDigests(deps(smtp.mailer({ user: 'paperboy', pass: 'right' }), c.now));
    expect(relay.stopped).toMatch(/relay/i);
    expect(await statuses()).toEqual(['active', 'active', 'active', 'active', 'active']);

    // Fixed: everything goes out at once, nothing was given up.
    smtp.rcptRefusals.clear();
    const fixed = await sendDigests(deps(smtp.mailer({ user: 'paperboy', pass: 'right' }), c.now));
    expect(fixed).toMatchObject({ sent: 5, bounced: 0 });
    expect(fixed.stopped).toBeUndefined();
    expect(await outboxCounts(t.database.db)).toEqual({ sent: 5 });
  });

  it('a recipient refused at RCPT TO bounces; a policy refusal is retried, not a bounce', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    const gone = await addSubscriber(t.database.db, { email: 'gone@example.org' });
    const spam = await addSubscriber(t.database.db, { email: 'picky@example.org' });
    await addSubscriber(t.database.db, { email: 'ok@example.org' });
    smtp.rcptRefusals.set('gone@example.org', '550 5.1.1 The email account that you tried to reach does not exist');
    smtp.rcptRefusals.set('picky@example.org', '550 5.7.1 Message rejected by the recipient\'s policy');
    const report = await sendDigests(deps(smtp.mailer(), clock().now));
    expect(report).toMatchObject({ sent: 1, bounced: 1, retrying: 1 });
    expect(report.stopped).toBeUndefined();
    expect((await getSubscriber(t.database.db, gone))!).toMatchObject({ status: 'bounced', bounce_reason: expect.stringContaining('5.1.1') });
    expect((await getSubscriber(t.database.db, spam))!.status).toBe('active');
  });

  it('after downtime across several delivery times, sends every missed digest, oldest first', async () => {
    const day = (d: string, title: string) => paperInput({ title, feedDate: d, upvotes: 3 });
    t = await createTestApp(dialect, [day('2026-08-17', 'Monday paper'), day('2026-08-18', 'Tuesday paper'), day('2026-08-19', 'Wednesday paper'), day('2026-08-20', 'Thursday paper')]);
    smtp = await startSmtp();
    await addSubscriber(t.database.db, { email: 'a@example.org' });
    const c = clock('2026-08-18T09:00:00Z');
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 1, sent: 1 });
    // Down from Tuesday morning to Friday noon: Tuesday's, Wednesday's and Thursday's digests were due.
    c.advance(3 * 86_400_000 + 3 * 3_600_000);
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 3, sent: 3 });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Aug 17, 2026', 'Aug 18, 2026', 'Aug 19, 2026', 'Aug 20, 2026'].map((d) => expect.stringContaining(d)));
    expect(smtp.received.map((m) => /(\w+day) paper/.exec(m.text!)?.[1])).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday']);
    expect((await sendDigests(deps(smtp.mailer(), c.now))).enqueued).toBe(0);
  });

  it('a run for a given feed day skips subscribers who confirmed after its digest was due', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    await addSubscriber(t.database.db, { email: 'early@example.org' });
    const late = await addSubscriber(t.database.db, { email: 'late@example.org' });
    await updateSubscriber(t.database.db, late, { confirmed_at: '2026-08-25T09:00:00.000Z' });
    const c = clock('2026-08-26T12:00:00Z');
    expect(await sendDigests(deps(smtp.mailer(), c.now), { date: DAY })).toMatchObject({ enqueued: 1, sent: 1, notQueued: { confirmedLater: 1, alreadyQueued: 0, notDue: 0 } });
    expect(recipients()).toEqual(['early@example.org']);
    // The day before was in no digest of the early one's, who already had a later one.
    expect(await sendDigests(deps(smtp.mailer(), c.now), { date: '2026-08-19' })).toMatchObject({ enqueued: 0, notQueued: { confirmedLater: 1, alreadyQueued: 0, hadLater: 1, notDue: 0 } });
    // Again: the early one has it already; one with weekends off gets Thursday with Friday to Sunday.
    await addSubscriber(t.database.db, { email: 'tokyo@example.org', timezone: 'Asia/Tokyo', hour: 7, weekends: 0 });
    expect(await sendDigests(deps(smtp.mailer(), clock('2026-08-21T12:00:00Z').now), { date: DAY })).toMatchObject({ enqueued: 0, notQueued: { confirmedLater: 1, alreadyQueued: 1, hadLater: 0, notDue: 1 } });
  });

  it("the first digest is the first one due after confirming, as the preferences page says", async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    const id = await addSubscriber(t.database.db, { email: 'new@example.org' });
    // Confirmed at 09:00 on the 21st, an hour after the 20th's digest was due (08:00 UTC).
    await updateSubscriber(t.database.db, id, { confirmed_at: '2026-08-21T09:00:00.000Z' });
    const c = clock('2026-08-21T09:05:00Z');
    const { next } = await preferencesState(t.database.db, (await getSubscriber(t.database.db, id))!, c.now());
    expect(next).toMatchObject({ key: '2026-08-21', deliverAt: new Date('2026-08-22T08:00:00Z') });
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 0, notQueued: { confirmedLater: 1 } });
    c.advance(next!.deliverAt.getTime() - c.now().getTime() - 60_000);
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 0 });
    c.advance(60_000);
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 1 });
    const queued = await t.database.db.selectFrom('digest_outbox').select('period').execute();
    expect(queued.map((r) => r.period)).toEqual([next!.key]);
  });

  it('turning weekends off after Friday was sent still brings Saturday and Sunday on Monday', async () => {
    const day = (d: string, title: string) => paperInput({ title, feedDate: d, upvotes: 3 });
    t = await createTestApp(dialect, [day('2026-08-21', 'Friday paper'), day('2026-08-22', 'Saturday paper'), day('2026-08-23', 'Sunday paper')]);
    smtp = await startSmtp();
    const id = await addSubscriber(t.database.db, { email: 'a@example.org' });
    const c = clock('2026-08-22T09:00:00Z');
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ sent: 1 });
    await updateSubscriber(t.database.db, id, { weekends: 0 });
    c.advance(2 * 86_400_000);
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 1, sent: 1 });
    const monday = smtp.received[1]!;
    expect(monday.subject).toContain('Aug 22 – Aug 23, 2026');
    expect(monday.text).toContain('Saturday paper');
    expect(monday.text).toContain('Sunday paper');
    expect(monday.text).not.toContain('Friday paper');
  });

  it('the preferences page announces only days not sent yet: after weekends off, and after `--date` sent a day early', async () => {
    const day = (d: string, title: string) => paperInput({ title, feedDate: d, upvotes: 3 });
    t = await createTestApp(dialect, [day('2026-08-20', 'Thursday paper'), day('2026-08-21', 'Friday paper'), day('2026-08-22', 'Saturday paper'), day('2026-08-23', 'Sunday paper')]);
    smtp = await startSmtp();
    const id = await addSubscriber(t.database.db, { email: 'a@example.org' });
    const next = async (at: Date) => (await preferencesState(t.database.db, (await getSubscriber(t.database.db, id))!, at)).next;

    // Friday's digest went out on Saturday morning; then weekends are turned off.
    const c = clock('2026-08-22T09:00:00Z');
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ sent: 1 });
    await updateSubscriber(t.database.db, id, { weekends: 0 });
    const announced = await next(c.now());
    expect(announced).toMatchObject({ from: '2026-08-22', to: '2026-08-23', deliverAt: new Date('2026-08-24T08:00:00Z') });
    expect(periodLabel(announced!)).toBe('Aug 22 – Aug 23, 2026');
    c.advance(2 * 86_400_000);
    expect(await sendDigests(deps(smtp.mailer(), c.now))).toMatchObject({ enqueued: 1, sent: 1 });
    expect((await t.database.db.selectFrom('digest_outbox').select('period').where('period_to', '=', '2026-08-23').executeTakeFirstOrThrow()).period).toBe(announced!.key);

    // `digest send --date` sends a complete day before the subscriber's hour: the page then names the day after.
    const other = await addSubscriber(t.database.db, { email: 'b@example.org' });
    const early = clock('2026-08-21T04:00:00Z');
    expect(await sendDigests(deps(smtp.mailer(), early.now), { date: '2026-08-20' })).toMatchObject({ sent: 1 });
    const after = (await preferencesState(t.database.db, (await getSubscriber(t.database.db, other))!, early.now())).next;
    expect(after).toMatchObject({ key: '2026-08-21', from: '2026-08-21', to: '2026-08-21' });
  });

  it('takes over a digest claimed by a sender that died, once its lease runs out', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    const id = await addSubscriber(t.database.db);
    const c = clock();
    await enqueueDigests(t.database.db, [{ subscriber_id: id, period: DAY, period_from: DAY, period_to: DAY }], c.now().toISOString());
    // The "dead" sender claimed and never sent.
    expect(await claimRow(t.database.db, { subscriber_id: id, period: DAY }, 'dead', c.now().toISOString(), new Date(c.now().getTime() + 300_000).toISOString())).toBe(true);
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(0);
    c.advance(301_000);
    expect((await sendDigests(deps(smtp.mailer(), c.now))).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('two senders racing send each digest once', async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
    for (let i = 0; i < 40; i++) await addSubscriber(t.database.db);
    const c = clock();
    const [r1, r2] = await Promise.all([sendDigests(deps(smtp.mailer(), c.now), { owner: 'one' }), sendDigests(deps(smtp.mailer(), c.now), { owner: 'two' })]);
    expect(r1.sent + r2.sent).toBe(40);
    expect(smtp.received).toHaveLength(40);
    expect(new Set(recipients()).size).toBe(40);
  });
});

/** One MIME entity: its headers (lower-cased names, unfolded), media type and body. */
function mimePart(source: string): { headers: Record<string, string>; type: string; body: string } {
  const split = /\r?\n\r?\n/.exec(source)!;
  const head = source.slice(0, split.index).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, type: (headers['content-type'] ?? 'text/plain').split(';')[0]!.trim().toLowerCase(), body: source.slice(split.index + split[0].length) };
}
