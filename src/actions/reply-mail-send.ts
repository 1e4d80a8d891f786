/**
 * Sending reply mails from their outbox (db/reply-outbox.ts), exactly once per notice as far as
 * SMTP allows, the way digests go (digest-send.ts): a recipient's due notices are claimed with a
 * lease in one conditional UPDATE, sent together as one mail ("3 new replies"), and marked sent
 * by the next statement. A sender killed in between loses them when the lease runs out, and the
 * next run sends them, with the same Message-ID.
 *
 * At sending time, not when the comment was posted, it is decided what still goes: nothing to
 * an account that is deleted, banned, unconfirmed or turned these mails off, and nothing of a
 * comment deleted or hidden meanwhile (or whose author was banned, or whose paper was hidden),
 * nor of one older than REPLY_MAIL_MAX_AGE_MS (news that stale is no news: mail was off, or failing).
 * Past REPLY_MAILS_PER_HOUR mails in an hour, a recipient's notices wait and go together in the
 * next mail allowed. SMTP failures are read as for digests: temporary ones retried with backoff,
 * a permanent refusal of the address turns these mails off for the account and marks its
 * address's digest bounced, and the server refusing us stops the run. So does a server that
 * cannot be reached: the notices in flight wait UNREACHABLE_RETRY_MS without counting the attempt.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { nextMailAllowedAt, REPLY_MAIL_MAX_AGE_MS, REPLY_MAIL_MAX_ITEMS } from '../core/reply-notices.ts';
import { markReplyMailsBounced, type NoticeComment, noticeComments, type ReplyRecipient, replyRecipient } from '../db/reply-mail-settings.ts';
import { claimNotices, deferNotices, dueRecipients, finishNotices, mailTimesSince, noticeCounts, type NoticeRow, releaseNotices } from '../db/reply-outbox.ts';
import type { DB } from '../db/schema.ts';
import { findSubscriberByEmail, updateSubscriber } from '../db/subscribers.ts';
import { paperUrl } from '../mail/html.ts';
import { mailHost, oneClickHeaders } from '../mail/list-headers.ts';
import type { MailMessage, Mailer } from '../mail/mailer.ts';
import { renderReplyMail, type ReplyMailItem } from '../mail/reply-mail.ts';
import { classifySmtpFailure, unreachableStop } from '../mail/smtp-failure.ts';
import { backoffMs, MAX_ATTEMPTS, UNREACHABLE_RETRY_MS } from './digest-send.ts';
import { replyMailsOffLink } from './reply-mail-links.ts';

export interface ReplySendDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  secret: string;
  baseUrl: string;
  siteName: string;
  /** Read at every step, so delays, leases and retries follow a test's clock. */
  now: () => Date;
}

export interface ReplySendOptions {
  /** How long a claim lasts; must exceed the longest SMTP exchange (as for digests). */
  leaseMs?: number;
  /** Who claims (host, pid and a random part by default). */
  owner?: string;
  /** Mails in flight at once. */
  concurrency?: number;
}

export interface ReplySendReport {
  /** Mails sent. */
  sent: number;
  /** Comments those mails told of. */
  notices: number;
  /** Comments nobody was told of: removed meanwhile, or a recipient who may not or does not want to hear. */
  skipped: number;
  /** Recipients whose mails wait for their hourly allowance. */
  deferred: number;
  bounced: number;
  failed: number;
  retrying: number;
  /** Mails whose notices another sender took over after this one's lease ran out. */
  lost: number;
  /** Set when the run stopped before the end: the SMTP server refused us, or could not be reached ("SMTP server unreachable, N reply notices left queued: …"). */
  stopped?: string;
  /** Set when the SMTP server could not be reached: its reason. */
  unreachable?: string;
}

const HOUR_MS = 3_600_000;

const mayReceive = (r: ReplyRecipient | undefined): r is ReplyRecipient => r !== undefined && !r.deleted && !r.banned && r.verified && r.enabled;
const stillTold = (c: NoticeComment | undefined): c is NoticeComment => c !== undefined && c.live && c.authorOk && !c.paperHidden && c.parentLive;

/** Sends every reply mail that is due, until none is left. */
export async function sendReplyMails(deps: ReplySendDeps, opts: ReplySendOptions = {}): Promise<ReplySendReport> {
  const report: ReplySendReport = { sent: 0, notices: 0, skipped: 0, deferred: 0, bounced: 0, failed: 0, retrying: 0, lost: 0 };
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const tried = new Set<string>();
  for (;;) {
    const queue = (await dueRecipients(deps.db, deps.now().toISOString(), 100)).filter((id) => !tried.has(id));
    if (queue.length === 0) return report;
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id && !report.stopped && !report.unreachable; id = queue.shift()) {
        tried.add(id);
        await mailRecipient(deps, id, owner, leaseMs, report);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
    if (report.unreachable && !report.stopped) {
      const n = (await noticeCounts(deps.db)).pending ?? 0;
      report.stopped = unreachableStop(n, 'reply notice', report.unreachable);
    }
    if (report.stopped) return report;
  }
}

async function mailRecipient(deps: ReplySendDeps, recipientId: string, owner: string, leaseMs: number, report: ReplySendReport): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const recipient = await replyRecipient(db, recipientId);
  if (mayReceive(recipient)) {
    const allowed = nextMailAllowedAt(await mailTimesSince(db, recipientId, new Date(now.getTime() - HOUR_MS).toISOString()), now);
    if (allowed > now) {
      await deferNotices(db, recipientId, allowed.toISOString(), now.toISOString());
      report.deferred++;
      return;
    }
  }
  const rows = await claimNotices(db, recipientId, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
  if (rows.length === 0) return;
  const at = (): string => deps.now().toISOString();
  const ids = (list: NoticeRow[]): string[] => list.map((r) => r.id);
  // Counted after the await: `report.skipped += await …` would read the count before another worker's update.
  const skip = async (list: NoticeRow[]): Promise<void> => {
    const n = await finishNotices(db, ids(list), owner, 'skipped', { finished_at: at() });
    report.skipped += n;
  };
  if (!mayReceive(recipient)) {
    await skip(rows);
    return;
  }
  const comments = await noticeComments(db, rows.map((r) => r.comment_id));
  const fresh = now.getTime() - REPLY_MAIL_MAX_AGE_MS;
  const told = rows.filter((r) => Date.parse(r.created_at) > fresh && stillTold(comments.get(r.comment_id)));
  await skip(rows.filter((r) => !told.includes(r)));
  if (told.length === 0) return;

  const message = composeReplyMail(deps, recipient, told, comments);
  try {
    await deps.mailer.send(message);
  } catch (err) {
    const { kind, reason } = classifySmtpFailure(err, recipient.email);
    const attempts = Math.max(...told.map((r) => r.attempts));
    if (kind === 'stop') {
      await releaseNotices(db, ids(told), owner, at(), reason, { uncount: true });
      report.stopped ??= reason;
    } else if (kind === 'unreachable') {
      await releaseNotices(db, ids(told), owner, new Date(deps.now().getTime() + UNREACHABLE_RETRY_MS).toISOString(), reason, { uncount: true });
      report.unreachable ??= reason;
    } else if (kind === 'bounce') {
      await finishNotices(db, ids(told), owner, 'bounced', { finished_at: at(), last_error: reason });
      await markAddressBounced(db, recipient, reason, deps.now());
      report.bounced++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await finishNotices(db, ids(told), owner, 'failed', { finished_at: at(), last_error: reason });
      report.failed++;
    } else {
      await releaseNotices(db, ids(told), owner, new Date(deps.now().getTime() + backoffMs(attempts)).toISOString(), reason);
      report.retrying++;
    }
    return;
  }
  // The at-least-once gap is between the send above and this write: keep it to one statement.
  const marked = await finishNotices(db, ids(told), owner, 'sent', { finished_at: at(), ...(message.messageId ? { message_id: message.messageId } : {}) });
  if (marked > 0) {
    report.sent++;
    report.notices += marked;
  } else report.lost++;
}

/** One mail for a recipient's notices, oldest first; its Message-ID follows the first, so a resent copy threads with it. */
function composeReplyMail(deps: ReplySendDeps, recipient: ReplyRecipient, rows: NoticeRow[], comments: Map<string, NoticeComment>): MailMessage {
  const link = (c: NoticeComment): string => `${paperUrl(deps.baseUrl, c.paperId)}#comment-${c.id}`;
  const items: ReplyMailItem[] = rows.slice(0, REPLY_MAIL_MAX_ITEMS).map((r) => {
    const c = comments.get(r.comment_id)!;
    return { reason: r.reason, authorHandle: c.authorHandle, authorName: c.authorName, paperTitle: c.paperTitle, body: c.body, url: link(c) };
  });
  const left = rows.slice(REPLY_MAIL_MAX_ITEMS);
  const offUrl = replyMailsOffLink(deps.baseUrl, deps.secret, recipient.id);
  const rendered = renderReplyMail({
    siteName: deps.siteName,
    items,
    ...(left.length > 0 ? { more: { count: left.length, url: link(comments.get(left[0]!.comment_id)!) } } : {}),
    offUrl,
    settingsUrl: `${deps.baseUrl}/settings#reply-mails`,
  });
  return {
    to: recipient.email,
    ...rendered,
    messageId: `<replies.${rows[0]!.id}@${mailHost(deps.baseUrl)}>`,
    headers: oneClickHeaders(deps.baseUrl, { name: `${deps.siteName} reply mails`, id: 'replies' }, offUrl),
  };
}

/** The address refused mail for good: no more reply mails to the account, and its digest (same address) stops as a digest bounce would stop it. */
async function markAddressBounced(db: Kysely<DB>, recipient: ReplyRecipient, reason: string, now: Date): Promise<void> {
  await markReplyMailsBounced(db, recipient.id, reason, now);
  const sub = await findSubscriberByEmail(db, recipient.email);
  if (sub?.status === 'active') await updateSubscriber(db, sub.id, { status: 'bounced', bounced_at: now.toISOString(), bounce_reason: reason });
}
