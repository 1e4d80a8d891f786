// Reply mails against a real SMTP server on both dialects: one mail after the delay with the
// right words, links and one-click headers; none for self-replies, removed comments and people
// who may not or do not want to hear; several replies in one mail and the hourly allowance; the
// one-click link and the settings checkbox; a sender dying between claim and send; 4xx retried,
// 5xx a bounce; an unreachable server costing no attempt; notices too old to be news dropped;
// hostile comment text arriving as inert text.
import type { ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { member, type Member } from '../../test/community.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { refusedSmtpUrl, silentSmtp, startSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addSubscriber } from '../../test/subscribers.ts';
import { REPLY_MAIL_MAX_AGE_MS, REPLY_MAILS_PER_HOUR } from '../core/reply-notices.ts';
import { replyMailSetting } from '../db/reply-mail-settings.ts';
import { claimNotices, noticeCounts } from '../db/reply-outbox.ts';
import { getSubscriber } from '../db/subscribers.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { MAX_ATTEMPTS, UNREACHABLE_RETRY_MS } from './digest-send.ts';
import { type ReplySendDeps, sendReplyMails } from './reply-mail-send.ts';

const PAPER = '2608.00101';
const papers = () => [paperInput({ id: PAPER, arxivId: PAPER, title: 'Speculative decoding with $k$ draft trees', feedDate: '2026-08-20' })];

/** A clock tests move forward, starting when the comments are posted. */
function clock() {
  let t = TEST_NOW.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const addressOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const header = (m: ParsedMail, name: string) =>
  m.headerLines
    .find((h) => h.key === name)
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, '');

describe.each(DIALECTS)('reply mails (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  afterEach(async () => {
    await smtp?.close();
    await t?.close();
  });

  const deps = (now: () => Date): ReplySendDeps => ({ db: t.database.db, mailer: smtp.mailer(), secret: t.ctx.secret, baseUrl: t.ctx.baseUrl, siteName: 'Paperboy', now });
  const setup = async () => {
    t = await createTestApp(dialect, papers());
    smtp = await startSmtp();
  };
  const post = async (who: Member, body: string, parentId?: string): Promise<string> => {
    const res = await who.api('POST', `/api/papers/${PAPER}/comments`, { body, ...(parentId ? { parentId } : {}) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** Bob's answer to Ada's comment, with a clock past the delay. */
  const answered = async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    const mine = await post(ada, 'A question.');
    await post(bob, 'An answer.', mine);
    const c = clock();
    c.advance(121_000);
    return { ada, bob, mine, c };
  };

  it('a reply brings one mail after the delay: who, which paper, the text, the link, one-click off', async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    const mine = await post(ada, 'What about **longer** drafts?');
    const reply = await post(bob, 'They help, see [our table](https://example.org/t) and $\\alpha^2$.', mine);
    // Answering oneself tells nobody.
    await post(ada, 'Replying to myself.', mine);
    const c = clock();
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    c.advance(60_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    c.advance(61_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 1, notices: 1, skipped: 0 });
    expect(smtp.received).toHaveLength(1);
    // Sent once: later runs find nothing.
    c.advance(600_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);

    const mail = smtp.received[0]!;
    expect(addressOf(mail)).toBe(ada.user.email);
    expect(mail.subject).toBe(`@${bob.user.handle} replied to your comment on “Speculative decoding with k draft trees”`);
    expect(mail.text).toContain(`@${bob.user.handle} (Bob Smith) replied to your comment on “Speculative decoding with k draft trees”:`);
    expect(mail.text).toContain('They help, see our table (https://example.org/t) and α².');
    expect(mail.html).toBeFalsy();
    const link = `http://paperboy.test/papers/${PAPER}#comment-${reply}`;
    expect(mail.text).toContain(link);
    const page = await t.app.request(`/papers/${PAPER}`);
    expect(await page.text()).toContain(`id="comment-${reply}"`);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const off = /<(https?:[^>]+)>/.exec(header(mail, 'list-unsubscribe') ?? '')![1]!;
    expect(mail.text).toContain(off);
    expect(header(mail, 'list-id')).toBe('Paperboy reply mails <replies.paperboy.test>');

    // The link's GET shows a button and changes nothing; the one-click POST, without cookies, turns them off.
    const path = off.replace('http://paperboy.test', '');
    const button = await t.app.request(path);
    expect(button.status).toBe(200);
    expect(await button.text()).toContain('Turn reply mails off');
    expect((await replyMailSetting(t.database.db, ada.user.id)).enabled).toBe(true);
    const click = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(click.status).toBe(200);
    expect((await replyMailSetting(t.database.db, ada.user.id)).enabled).toBe(false);
    expect((await t.app.request(`${path}x`, { method: 'POST' })).status).toBe(404);

    await post(bob, 'One more thought.', mine);
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('the settings checkbox is on by default and turns the mails off and on (CSRF-protected POST)', async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    const settings = await (await ada.b.get('/settings')).text();
    expect(settings).toMatch(/<input type="checkbox" name="on" value="1" checked=""\/?> Email me when someone replies to my comments/);
    // Without the form's CSRF value the POST is refused.
    expect((await ada.b.post('/settings/reply-mails', { _csrf: 'forged' })).status).toBe(403);
    expect((await ada.b.post('/settings/reply-mails', {})).status).toBe(303);
    expect((await replyMailSetting(t.database.db, ada.user.id)).enabled).toBe(false);
    expect(await (await ada.b.get('/settings?saved=reply-mails')).text()).not.toMatch(/name="on" value="1" checked/);

    const mine = await post(ada, 'A question.');
    await post(bob, 'An answer.', mine);
    const c = clock();
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, skipped: 1 });

    expect((await ada.b.post('/settings/reply-mails', { on: '1' })).status).toBe(303);
    expect((await replyMailSetting(t.database.db, ada.user.id)).enabled).toBe(true);
    await post(bob, 'Another answer.', mine);
    c.advance(121_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(1);
  });

  it('tells nobody of a reply hidden or deleted before the mail goes, nor banned or unconfirmed people', async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    const mod = await member(t, 'Moe Derator', 'moderator');
    const mine = await post(ada, 'A question.');
    const hidden = await post(bob, 'Spam spam spam.', mine);
    const deleted = await post(bob, 'Oops, wrong thread.', mine);
    expect((await mod.api('POST', `/api/moderation/comments/${hidden}/hide`, {})).status).toBe(200);
    expect((await bob.api('DELETE', `/api/comments/${deleted}`)).status).toBe(200);
    const c = clock();
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, skipped: 2 });

    const carol = await member(t, 'Carol Unconfirmed');
    const dan = await member(t, 'Dan Banned');
    const toCarol = await post(carol, 'Mine.');
    const toDan = await post(dan, 'Mine too.');
    await t.database.db.updateTable('users').set({ verified_at: null }).where('id', '=', carol.user.id).execute();
    await t.database.db.updateTable('users').set({ banned: 1 }).where('id', '=', dan.user.id).execute();
    await post(bob, 'Answer one.', toCarol);
    await post(bob, 'Answer two.', toDan);
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, skipped: 2 });
    expect(smtp.received).toHaveLength(0);
    expect(await noticeCounts(t.database.db)).toEqual({ skipped: 4 });
  });

  it('several replies go in one mail, a paper submitter hears of new discussions, and the hourly allowance holds the rest back', async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    const carol = await member(t, 'Carol Jones');
    await t.database.db.insertInto('submissions').values({ id: 's1', user_id: ada.user.id, paper_id: PAPER, created_at: TEST_NOW.toISOString() }).execute();
    const mine = await post(ada, 'A question.');
    await post(bob, 'First answer.', mine);
    await post(carol, 'Second answer.', mine);
    await post(bob, 'A new discussion of your paper.');
    const c = clock();
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 1, notices: 3 });
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe('3 new comments for you on Paperboy');
    expect(mail.text).toContain('First answer.');
    expect(mail.text).toContain('Second answer.');
    expect(mail.text).toContain(`@${bob.user.handle} (Bob Smith) commented on “Speculative decoding with k draft trees”, a paper you submitted:`);

    // Past the allowance, the next replies wait for it and come together.
    for (let i = 1; i < REPLY_MAILS_PER_HOUR; i++) {
      await post(bob, `Answer ${i}.`, mine);
      c.advance(121_000);
      expect((await sendReplyMails(deps(c.now))).sent).toBe(1);
    }
    await post(bob, 'Held back one.', mine);
    await post(carol, 'Held back two.', mine);
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, deferred: 1 });
    c.advance(30 * 60_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    c.advance(30 * 60_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(1);
    const last = smtp.received[smtp.received.length - 1]!;
    expect(last.subject).toBe('2 new replies to your comments on Paperboy');
    expect(last.text).toContain('Held back one.');
    expect(last.text).toContain('Held back two.');
    expect(smtp.received).toHaveLength(REPLY_MAILS_PER_HOUR + 1);
  });

  it('a sender that died between claim and send loses its claim when the lease ends; sent once', async () => {
    const { ada, c } = await answered();
    const claimed = await claimNotices(t.database.db, ada.user.id, 'dead', c.now().toISOString(), new Date(c.now().getTime() + 300_000).toISOString());
    expect(claimed).toHaveLength(1);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    c.advance(301_000);
    const [r1, r2] = await Promise.all([sendReplyMails(deps(c.now), { owner: 'one' }), sendReplyMails(deps(c.now), { owner: 'two' })]);
    expect(r1.sent + r2.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(`<replies.${claimed[0]!.id}@paperboy.test>`);
  });

  it('retries a 451 and a dropped connection; a 550 bounces, turns the mails off and stops the address digest', async () => {
    const { ada, bob, mine, c } = await answered();
    smtp.faults.push(451);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, retrying: 1 });
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    c.advance(31_000);
    smtp.faults.push('drop');
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, retrying: 1 });
    c.advance(121_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);

    const sub = await addSubscriber(t.database.db, { email: ada.user.email });
    smtp.recipientFaults.set(ada.user.email, 550);
    await post(bob, 'Another answer.', mine);
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, bounced: 1 });
    expect(await replyMailSetting(t.database.db, ada.user.id)).toMatchObject({ enabled: false, bouncedAt: expect.any(String) });
    expect((await getSubscriber(t.database.db, sub))!.status).toBe('bounced');
    expect(await (await ada.b.get('/settings')).text()).toContain('Mail to your address was refused');
    await post(bob, 'A third answer.', mine);
    c.advance(121_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, bounced: 0, skipped: 1 });
  });

  it('an unreachable server (refused, or silent) stops the run, costs no attempt, and the mail goes once it is back', async () => {
    const { c } = await answered();
    const withMailer = (mailer: Mailer): ReplySendDeps => ({ ...deps(c.now), mailer });
    const attempts = async () => (await t.database.db.selectFrom('reply_outbox').select('attempts').execute()).map((r) => r.attempts);
    const refused = createMailer({ smtpUrl: await refusedSmtpUrl(), from: 'x@paperboy.test', logger: pino({ level: 'silent' }) });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      const report = await sendReplyMails(withMailer(refused));
      expect(report).toMatchObject({ sent: 0, retrying: 0, failed: 0, bounced: 0 });
      expect(report.stopped).toMatch(/^SMTP server unreachable, 1 reply notice left queued \(the SMTP server could not be reached.*ECONNREFUSED/);
      c.advance(UNREACHABLE_RETRY_MS + 1000);
    }
    refused.close();
    const silent = await silentSmtp();
    try {
      const hung = createMailer({ smtpUrl: silent.url, from: 'x@paperboy.test', logger: pino({ level: 'silent' }), timeoutSeconds: 0.2 });
      expect((await sendReplyMails(withMailer(hung))).stopped).toMatch(/^SMTP server unreachable, 1 reply notice left queued .*ETIMEDOUT/);
      hung.close();
    } finally {
      await silent.close();
    }
    expect(await attempts()).toEqual([0]);
    c.advance(UNREACHABLE_RETRY_MS + 1000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 1, notices: 1 });
    expect((await sendReplyMails(deps(c.now))).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(await noticeCounts(t.database.db)).toEqual({ sent: 1 });
  });

  it('a notice older than REPLY_MAIL_MAX_AGE_MS when it could first go is dropped, not sent late', async () => {
    // The app's clock stays at TEST_NOW: every comment here is posted then.
    const { ada, bob, mine, c } = await answered();
    c.advance(REPLY_MAIL_MAX_AGE_MS - 122_000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 1, skipped: 0 });
    expect(smtp.received.map(addressOf)).toEqual([ada.user.email]);
    await post(bob, 'Another answer.', mine);
    c.advance(2000);
    expect(await sendReplyMails(deps(c.now))).toMatchObject({ sent: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('hostile comment text arrives as inert text in a text-only mail', async () => {
    await setup();
    const ada = await member(t, 'Ada Lovelace');
    const bob = await member(t, 'Bob Smith');
    await t.database.db.updateTable('users').set({ name: 'Bob <b>Smith</b>\nBcc: x@example.org' }).where('id', '=', bob.user.id).execute();
    const mine = await post(ada, 'A question.');
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) ${'long words '.repeat(80)}`;
    await post(bob, hostile, mine);
    const c = clock();
    c.advance(121_000);
    expect((await sendReplyMails(deps(c.now))).sent).toBe(1);
    const mail = smtp.received[0]!;
    expect(mail.html).toBeFalsy();
    const raw = smtp.raw[0]!.toString('utf8');
    expect(raw).toMatch(/^Content-Type: text\/plain/im);
    expect(raw).not.toMatch(/text\/html/i);
    expect(mail.text).toContain('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(mail.text).toContain(`@${bob.user.handle} (Bob <b>Smith</b> Bcc: x@example.org) replied`);
    expect(mail.bcc).toBeUndefined();
    // Not a link on the page, so not one here: the text as written.
    expect(mail.text).toContain('[click](javascript:alert(3))');
    expect(mail.text).toContain('…');
    expect(mail.text!.length).toBeLessThan(1600);
  });
});
