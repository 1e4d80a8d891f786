/**
 * Sending digests, exactly once per (subscriber, period) as far as SMTP allows:
 *
 * 1. Enqueue: every active subscriber gets an outbox row (insert-if-absent) for each period due
 *    since the last one queued for it, so a run after downtime catches up, oldest first.
 * 2. Claim: a row is taken with a conditional UPDATE that sets a lease; of two senders racing,
 *    exactly one UPDATE matches. A sender killed while holding rows loses them when the lease
 *    runs out; the next run takes them over, so nothing is skipped.
 * 3. Send, then mark sent at once, conditioned on still owning the row.
 *
 * The one gap no outbox closes: the SMTP server accepted the mail and the process died before
 * the "sent" write. After the lease that digest is sent again, with the same Message-ID, so
 * clients that dedupe by Message-ID show one. Temporary failures (refused connection, dropped
 * connection, 4xx) are retried with backoff; a permanent refusal of the recipient (5xx to RCPT TO
 * or after DATA, see mail/smtp-failure.ts) marks the address bounced and stops mail to it. When
 * the server refuses us (login, sender, relaying), the run stops at once: the digest goes back to
 * the queue without counting the attempt, nobody is marked bounced, and the report says why.
 * So does a server that cannot be reached at all (refused, silent, dropped us before the session
 * was ready): the run stops after the mails in flight, instead of every digest waiting out its
 * own timeout, and those go back to the queue for UNREACHABLE_RETRY_MS without counting the
 * attempt, so an outage of any length gives no digest up; the rest are not touched. The report
 * says "SMTP server unreachable, N digests left queued". MAX_ATTEMPTS counts only failures of the
 * mail itself (4xx, a connection dropped in the middle of it).
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { type DigestPeriod, duePeriods, latestDuePeriod, periodAfter, periodContaining } from '../core/digest-period.ts';
import { claimableRows, claimRow, enqueueDigests, finishRow, lastQueuedDays, type OutboxRow, pendingQueue, releaseRow, subscribersQueuedFor } from '../db/outbox.ts';
import type { DB } from '../db/schema.ts';
import { activeSubscribersAfter, type SubscriberWithFollows, subscribersWithFollows, updateSubscriber } from '../db/subscribers.ts';
import type { Mailer } from '../mail/mailer.ts';
import { classifySmtpFailure, unreachableStop } from '../mail/smtp-failure.ts';
import type { PaperSearch } from '../search/index.ts';
import { composeDigest, scheduleOf } from './digest-compose.ts';
import { loadPeriodIndex, type PeriodIndex } from './digest-period-index.ts';
import type { TopicFloors } from './topic-floors.ts';

export interface SendDeps {
  db: Kysely<DB>;
  search: PaperSearch;
  mailer: Mailer;
  secret: string;
  baseUrl: string;
  siteName: string;
  /** Read at every step, so leases and retries follow a test's clock. */
  now: () => Date;
  /** Topics' best scores over the corpus, kept across the runs of one process (see topic-floors.ts). */
  floors?: TopicFloors;
}

export interface SendOptions {
  /** Send the periods that end on this feed day (YYYY-MM-DD), whatever the hour; default: what is due now. */
  date?: string;
  /** How long a claim lasts; must exceed the longest SMTP exchange (config.ts: twice SMTP_TIMEOUT_SECONDS). */
  leaseMs?: number;
  /** Who claims (host, pid and a random part by default). */
  owner?: string;
  /** Mails in flight at once. */
  concurrency?: number;
}

export interface SendReport {
  enqueued: number;
  /** Subscribers given no new digest by this run, by reason (see NotQueued). */
  notQueued: NotQueued;
  sent: number;
  empty: number;
  bounced: number;
  failed: number;
  retrying: number;
  skipped: number;
  /** Rows this run lost to another sender after sending (see the module comment). */
  lost: number;
  /**
   * Set when the run stopped before the end: the SMTP server refused us (login, sender), or could
   * not be reached ("SMTP server unreachable, N digests left queued: …").
   */
  stopped?: string;
  /** Set when the SMTP server could not be reached: its reason (`stopped` says how many digests wait). */
  unreachable?: string;
  /**
   * Digests still queued after the run: waiting out a retry (this run's `retrying`, or an earlier
   * run's, such as after an unreachable server), or held by another sender.
   */
  queued: number;
  /** When the earliest queued digest nobody holds is due to be tried again (ISO time). */
  nextTry?: string;
}

/** Attempts before a digest is given up as failed. */
export const MAX_ATTEMPTS = 8;
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000];

/** Wait before a digest is tried again after the SMTP server could not be reached (no attempt counted). */
export const UNREACHABLE_RETRY_MS = 5 * 60_000;

/** Wait before the next attempt after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0]!;
}

/** Why active subscribers got no new digest from a run: how many, for each reason. */
export interface NotQueued {
  /** Their period was due at or before they confirmed: their first digest is a later one. */
  confirmedLater: number;
  /** Its days are already queued for them (sent, or waiting), by an earlier run or another sender. */
  alreadyQueued: number;
  /**
   * With a date: that feed day was never in a digest of theirs, but a later day was: days before a
   * subscriber's latest digest are not sent (a new subscriber's first run sends only the latest due).
   */
  hadLater: number;
  /** With a date: that feed day is in a longer period of theirs (weekends off, weekly) not due yet. */
  notDue: number;
}

/**
 * Records outbox rows for every active subscriber's due digests (see SendOptions.date): each
 * period due since the last one queued for them, oldest first (core/digest-period.ts duePeriods),
 * none due before they confirmed (their first digest is the first period due after that, as the
 * preferences page says). Returns how many rows were added, and why the others got none.
 */
export async function enqueueDue(db: Kysely<DB>, now: Date, date?: string): Promise<{ enqueued: number; notQueued: NotQueued }> {
  let cursor = '';
  let added = 0;
  const notQueued: NotQueued = { confirmedLater: 0, alreadyQueued: 0, hadLater: 0, notDue: 0 };
  for (;;) {
    const batch = await activeSubscribersAfter(db, cursor, 1000);
    if (batch.length === 0) return { enqueued: added, notQueued };
    cursor = batch[batch.length - 1]!.id;
    const queued = await lastQueuedDays(
      db,
      batch.map((s) => s.id),
    );
    const hadDay = date
      ? await subscribersQueuedFor(
          db,
          batch.map((s) => s.id),
          date,
        )
      : new Set<string>();
    const rows = [];
    for (const sub of batch) {
      const schedule = scheduleOf(sub);
      const after = queued.get(sub.id);
      let periods: DigestPeriod[];
      const notBefore = sub.confirmed_at ? new Date(sub.confirmed_at) : undefined;
      const beforeConfirmed = (p: DigestPeriod): boolean => notBefore !== undefined && p.deliverAt.getTime() <= notBefore.getTime();
      if (date) {
        const whole = periodContaining(schedule, date);
        const p = periodAfter(whole, after);
        if (!p && hadDay.has(sub.id)) notQueued.alreadyQueued++;
        else if (!p && beforeConfirmed(whole)) notQueued.confirmedLater++;
        else if (!p) notQueued.hadLater++;
        else if (p.to !== date && p.deliverAt > now) notQueued.notDue++;
        else if (beforeConfirmed(p)) notQueued.confirmedLater++;
        periods = p && (p.to === date || p.deliverAt <= now) && !beforeConfirmed(p) ? [p] : [];
      } else {
        periods = duePeriods(schedule, now, { after, notBefore });
        if (periods.length === 0) {
          if (!periodAfter(latestDuePeriod(schedule, now), after)) notQueued.alreadyQueued++;
          else notQueued.confirmedLater++;
        }
      }
      for (const p of periods) rows.push({ subscriber_id: sub.id, period: p.key, period_from: p.from, period_to: p.to });
    }
    const inserted = await enqueueDigests(db, rows, now.toISOString());
    // A row already there was queued by another sender meanwhile.
    notQueued.alreadyQueued += rows.length - inserted;
    added += inserted;
  }
}

/** Enqueues what is due, then sends every claimable digest until none is left. */
export async function sendDigests(deps: SendDeps, opts: SendOptions = {}): Promise<SendReport> {
  const report: SendReport = { enqueued: 0, notQueued: { confirmedLater: 0, alreadyQueued: 0, hadLater: 0, notDue: 0 }, sent: 0, empty: 0, bounced: 0, failed: 0, retrying: 0, skipped: 0, lost: 0, queued: 0 };
  const finish = async (): Promise<SendReport> => {
    const { pending, nextTry } = await pendingQueue(deps.db, deps.now().toISOString());
    report.queued = pending;
    if (pending > 0 && nextTry) report.nextTry = nextTry;
    return report;
  };
  Object.assign(report, await enqueueDue(deps.db, deps.now(), opts.date));
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const indexes = new Map<string, Promise<PeriodIndex>>();
  const indexFor = (row: OutboxRow): Promise<PeriodIndex> => {
    const key = `${row.period_from}..${row.period_to}`;
    let idx = indexes.get(key);
    if (!idx) indexes.set(key, (idx = loadPeriodIndex(deps.db, deps.search, row.period_from, row.period_to, deps.floors ? { floors: deps.floors } : {})));
    return idx;
  };
  const tried = new Set<string>();
  for (;;) {
    const now = deps.now();
    const candidates = (await claimableRows(deps.db, now.toISOString(), 100)).filter((r) => !tried.has(`${r.subscriber_id}/${r.period}`));
    if (candidates.length === 0) return finish();
    const subs = await subscribersWithFollows(
      deps.db,
      candidates.map((r) => r.subscriber_id),
    );
    // One subscriber's rows go to one worker, oldest period first, so they arrive in order.
    const bySubscriber = new Map<string, OutboxRow[]>();
    for (const row of candidates) {
      const list = bySubscriber.get(row.subscriber_id);
      if (list) list.push(row);
      else bySubscriber.set(row.subscriber_id, [row]);
    }
    const queue = [...bySubscriber.values()];
    const worker = async (): Promise<void> => {
      for (let rows = queue.shift(); rows; rows = queue.shift()) {
        for (const row of rows) {
          if (report.stopped || report.unreachable) return;
          tried.add(`${row.subscriber_id}/${row.period}`);
          const t = deps.now();
          if (!(await claimRow(deps.db, row, owner, t.toISOString(), new Date(t.getTime() + leaseMs).toISOString()))) continue;
          await deliver(deps, row, owner, subs.get(row.subscriber_id), indexFor, report, row.attempts + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
    if (report.stopped || report.unreachable) {
      // One count of what is left serves both the report and the unreachable server's message.
      await finish();
      report.stopped ??= unreachableStop(report.queued, 'digest', report.unreachable!);
      return report;
    }
  }
}

async function deliver(
  deps: SendDeps,
  row: OutboxRow,
  owner: string,
  sub: SubscriberWithFollows | undefined,
  indexFor: (row: OutboxRow) => Promise<PeriodIndex>,
  report: SendReport,
  attempts: number,
): Promise<void> {
  const at = (): string => deps.now().toISOString();
  if (!sub || sub.status !== 'active') {
    await finishRow(deps.db, row, owner, 'skipped', { finished_at: at() });
    report.skipped++;
    return;
  }
  const index = await indexFor(row);
  await index.prepare(sub.follows);
  const composed = composeDigest({ ...deps, now: deps.now() }, sub, sub.follows, index, { key: row.period, from: row.period_from, to: row.period_to });
  if (!composed.message) {
    await finishRow(deps.db, row, owner, 'empty', { finished_at: at(), papers: 0 });
    report.empty++;
    return;
  }
  try {
    await deps.mailer.send(composed.message);
  } catch (err) {
    const { kind, reason } = classifySmtpFailure(err, sub.email);
    if (kind === 'stop') {
      await releaseRow(deps.db, row, owner, at(), reason, { uncount: true });
      report.stopped ??= reason;
    } else if (kind === 'unreachable') {
      // However long the outage, it costs no digest an attempt: MAX_ATTEMPTS is for this mail's own failures.
      await releaseRow(deps.db, row, owner, new Date(deps.now().getTime() + UNREACHABLE_RETRY_MS).toISOString(), reason, { uncount: true });
      report.unreachable ??= reason;
    } else if (kind === 'bounce') {
      await finishRow(deps.db, row, owner, 'bounced', { finished_at: at(), last_error: reason });
      await updateSubscriber(deps.db, sub.id, { status: 'bounced', bounced_at: at(), bounce_reason: reason });
      // Its later periods in this run are skipped, not tried again.
      sub.status = 'bounced';
      report.bounced++;
    } else if (attempts >= MAX_ATTEMPTS) {
      await finishRow(deps.db, row, owner, 'failed', { finished_at: at(), last_error: reason });
      report.failed++;
    } else {
      await releaseRow(deps.db, row, owner, new Date(deps.now().getTime() + backoffMs(attempts)).toISOString(), reason);
      report.retrying++;
    }
    return;
  }
  // The at-least-once gap is between the line above and this write: keep it to one statement.
  const marked = await finishRow(deps.db, row, owner, 'sent', { finished_at: at(), papers: composed.digest.paperCount, ...(composed.message.messageId ? { message_id: composed.message.messageId } : {}) });
  if (marked) report.sent++;
  else report.lost++;
}
