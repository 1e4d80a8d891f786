/**
 * The reply-mail outbox: one row per (recipient, comment), inserted in the comment's transaction
 * (the unique key makes a second insert a no-op). A sender takes all of one recipient's due rows
 * with one conditional UPDATE that sets claimed_by/claimed_until (two senders never both hold a
 * row), sends them as one mail, and every later write is conditioned on still owning the rows. A
 * sender killed while holding rows loses them when the lease runs out; the next run sends them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ReplyReason } from '../core/reply-notices.ts';
import type { DB, ReplyOutboxStatus, ReplyOutboxTable } from './schema.ts';

export type NoticeRow = Selectable<ReplyOutboxTable>;

/** Records comments to tell people about, due at `dueAt`; a row already there is left alone. */
export async function enqueueNotices(db: Kysely<DB>, rows: { recipientId: string; commentId: string; reason: ReplyReason }[], now: Date, dueAt: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('reply_outbox')
    .values(
      rows.map((r) => ({
        id: randomUUID(),
        recipient_id: r.recipientId,
        comment_id: r.commentId,
        reason: r.reason,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: dueAt.toISOString(),
        created_at: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(['recipient_id', 'comment_id']).doNothing())
    .execute();
}

/** Recipients with rows that are due and that nobody holds (or whose lease ran out), longest waiting first. */
export async function dueRecipients(db: Kysely<DB>, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reply_outbox')
    .select(['recipient_id', (eb) => eb.fn.min('next_attempt_at').as('due')])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .groupBy('recipient_id')
    .orderBy('due')
    .limit(limit)
    .execute();
  return rows.map((r) => r.recipient_id);
}

/** Takes every due, free row of a recipient for `owner` until `until`; the rows this sender now holds, oldest first. */
export async function claimNotices(db: Kysely<DB>, recipientId: string, owner: string, now: string, until: string): Promise<NoticeRow[]> {
  const rows = await db
    .updateTable('reply_outbox')
    .set((eb) => ({ claimed_by: owner, claimed_until: until, attempts: eb('attempts', '+', 1) }))
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** Closes rows the owner holds; how many it still held. */
export async function finishNotices(
  db: Kysely<DB>,
  ids: string[],
  owner: string,
  status: Exclude<ReplyOutboxStatus, 'pending'>,
  fields: { finished_at: string; message_id?: string; last_error?: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('reply_outbox')
    .set({ status, claimed_by: null, claimed_until: null, ...fields })
    .where('id', 'in', ids)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Gives rows back after a failure, to be retried at `retryAt`. With `uncount`, the attempt is not
 * counted (the failure was the server refusing us, not this mail).
 */
export async function releaseNotices(db: Kysely<DB>, ids: string[], owner: string, retryAt: string, error: string, opts: { uncount?: boolean } = {}): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('reply_outbox')
    .set((eb) => ({ claimed_by: null, claimed_until: null, next_attempt_at: retryAt, last_error: error, ...(opts.uncount ? { attempts: eb('attempts', '-', 1) } : {}) }))
    .where('id', 'in', ids)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .execute();
}

/** Holds back a recipient's free pending rows until `until` (the hourly allowance is used up). */
export async function deferNotices(db: Kysely<DB>, recipientId: string, until: string, now: string): Promise<void> {
  await db
    .updateTable('reply_outbox')
    .set({ next_attempt_at: until })
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<', until)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .execute();
}

/** When each reply mail sent to a recipient since `since` went (one time per mail, however many rows it carried). */
export async function mailTimesSince(db: Kysely<DB>, recipientId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reply_outbox')
    .select(['message_id', (eb) => eb.fn.min('finished_at').as('at')])
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'sent')
    .where('finished_at', '>=', since)
    .groupBy('message_id')
    .execute();
  return rows.flatMap((r) => (r.at ? [r.at] : []));
}

/** Counts of rows by status (tests and reports). */
export async function noticeCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('reply_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
