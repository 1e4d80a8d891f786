/**
 * The digest outbox: one row per (subscriber, period), inserted before anything is sent (the
 * primary key makes a second insert a no-op). A sender owns a row only after a conditional
 * UPDATE that sets claimed_by/claimed_until succeeds (one statement, so two senders can never
 * both win), and every later write is conditioned on still being the owner. A sender killed
 * while holding a row loses it when the lease runs out, and the next run takes it over.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, DigestOutboxTable, OutboxStatus } from './schema.ts';

export type OutboxRow = Selectable<DigestOutboxTable>;

export interface OutboxKey {
  subscriber_id: string;
  period: string;
}

/** Records digests to send; rows already there (same subscriber and period) are left alone. */
export async function enqueueDigests(
  db: Kysely<DB>,
  rows: { subscriber_id: string; period: string; period_from: string; period_to: string }[],
  now: string,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('digest_outbox')
      .values(rows.slice(i, i + 200).map((row) => ({ ...row, status: 'pending' as const, attempts: 0, next_attempt_at: now, created_at: now })))
      .onConflict((oc) => oc.columns(['subscriber_id', 'period']).doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** The last feed day queued for each of these subscribers (those with any outbox row). */
export async function lastQueuedDays(db: Kysely<DB>, subscriberIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (subscriberIds.length === 0) return out;
  const rows = await db
    .selectFrom('digest_outbox')
    .select(['subscriber_id', (eb) => eb.fn.max('period_to').as('last')])
    .where('subscriber_id', 'in', subscriberIds)
    .groupBy('subscriber_id')
    .execute();
  for (const r of rows) if (r.last) out.set(r.subscriber_id, r.last);
  return out;
}

/** Which of these subscribers have an outbox row (sent, waiting or given up) whose days include feed day `day`. */
export async function subscribersQueuedFor(db: Kysely<DB>, subscriberIds: string[], day: string): Promise<Set<string>> {
  if (subscriberIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('digest_outbox')
    .select('subscriber_id')
    .distinct()
    .where('subscriber_id', 'in', subscriberIds)
    .where('period_from', '<=', day)
    .where('period_to', '>=', day)
    .execute();
  return new Set(rows.map((r) => r.subscriber_id));
}

/** Pending rows whose retry time has come and that nobody holds (or whose lease ran out). */
export async function claimableRows(db: Kysely<DB>, now: string, limit: number, period?: string): Promise<OutboxRow[]> {
  let q = db
    .selectFrom('digest_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]));
  if (period) q = q.where('period', '=', period);
  // Oldest period first: after downtime a subscriber's digests go out in order.
  return q.orderBy('next_attempt_at').orderBy('period_from').orderBy('subscriber_id').limit(limit).execute();
}

/** Takes a row for `owner` until `until`; true only for the one sender whose UPDATE matched. */
export async function claimRow(db: Kysely<DB>, key: OutboxKey, owner: string, now: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('digest_outbox')
    .set((eb) => ({ claimed_by: owner, claimed_until: until, attempts: eb('attempts', '+', 1) }))
    .where('subscriber_id', '=', key.subscriber_id)
    .where('period', '=', key.period)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Closes a row the owner holds (sent, empty, bounced, failed, skipped); false if it lost the row. */
export async function finishRow(
  db: Kysely<DB>,
  key: OutboxKey,
  owner: string,
  status: Exclude<OutboxStatus, 'pending'>,
  fields: { finished_at: string; message_id?: string; papers?: number; last_error?: string },
): Promise<boolean> {
  const r = await db
    .updateTable('digest_outbox')
    .set({ status, claimed_by: null, claimed_until: null, ...fields })
    .where('subscriber_id', '=', key.subscriber_id)
    .where('period', '=', key.period)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Gives a row back after a failure, to be retried at `retryAt`. With `uncount`, the attempt is not
 * counted against the row (the failure was the server refusing us, not this digest).
 */
export async function releaseRow(db: Kysely<DB>, key: OutboxKey, owner: string, retryAt: string, error: string, opts: { uncount?: boolean } = {}): Promise<void> {
  await db
    .updateTable('digest_outbox')
    .set((eb) => ({ claimed_by: null, claimed_until: null, next_attempt_at: retryAt, last_error: error, ...(opts.uncount ? { attempts: eb('attempts', '-', 1) } : {}) }))
    .where('subscriber_id', '=', key.subscriber_id)
    .where('period', '=', key.period)
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .execute();
}

/** A subscriber's latest outbox rows, newest period first. */
export async function recentDigests(db: Kysely<DB>, subscriberId: string, limit = 5): Promise<OutboxRow[]> {
  return db.selectFrom('digest_outbox').selectAll().where('subscriber_id', '=', subscriberId).orderBy('period_from', 'desc').limit(limit).execute();
}

/**
 * The digests still to send: how many rows are pending (waiting for their retry, or held by a
 * sender), and when the earliest one nobody holds is next tried.
 */
export async function pendingQueue(db: Kysely<DB>, now: string): Promise<{ pending: number; nextTry?: string }> {
  const all = await db.selectFrom('digest_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  const next = await db
    .selectFrom('digest_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return { pending: Number(all.n), ...(next?.at ? { nextTry: String(next.at) } : {}) };
}

/** Counts of outbox rows by status (for a run's report and the admin). */
export async function outboxCounts(db: Kysely<DB>, period?: string): Promise<Record<string, number>> {
  let q = db.selectFrom('digest_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (period) q = q.where('period', '=', period);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
