/**
 * Ingestion bookkeeping in the store: one checkpoint per source (JSON state written in the same
 * transaction as the papers it accounts for, so a crash never separates them), a lease so that
 * one node of several runs a source at a time, and a record of every run.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, IngestRunsTable } from './schema.ts';

export type IngestRun = Selectable<IngestRunsTable>;

/** The saved state of a source, or undefined when it never ran. */
export async function getCheckpoint<T>(db: Kysely<DB>, source: string): Promise<T | undefined> {
  const row = await db.selectFrom('ingest_checkpoints').select('state').where('source', '=', source).executeTakeFirst();
  if (!row) return undefined;
  const state = JSON.parse(row.state) as T | null;
  return state ?? undefined;
}

/** Saves a source's state; call it inside the transaction that stores the papers it covers. */
export async function saveCheckpoint(db: Kysely<DB>, source: string, state: unknown, now: Date): Promise<void> {
  const updated = await db
    .updateTable('ingest_checkpoints')
    .set({ state: JSON.stringify(state), updated_at: now.toISOString() })
    .where('source', '=', source)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('ingest_checkpoints').values({ source, state: JSON.stringify(state), updated_at: now.toISOString() }).execute();
  }
}

/**
 * Takes the right to run a source until `until`, if nobody else holds it (or their lease ran
 * out, as it does when a process is killed). Returns false when another owner holds it.
 */
export async function acquireLease(
  db: Kysely<DB>,
  source: string,
  owner: string,
  now: Date,
  leaseMs: number,
  /** Owners known to be dead (a killed process on this host): their lease is taken over at once. */
  isDead: (owner: string) => boolean = () => false,
): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs).toISOString();
  await db
    .insertInto('ingest_checkpoints')
    .values({ source, state: 'null', updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('source').doNothing())
    .execute();
  const current = await db.selectFrom('ingest_checkpoints').select('lease_owner').where('source', '=', source).executeTakeFirst();
  const dead = current?.lease_owner && current.lease_owner !== owner && isDead(current.lease_owner) ? current.lease_owner : undefined;
  const r = await db
    .updateTable('ingest_checkpoints')
    .set({ lease_owner: owner, lease_until: until })
    .where('source', '=', source)
    .where((eb) =>
      eb.or([
        eb('lease_owner', 'is', null),
        eb('lease_owner', '=', owner),
        eb('lease_until', '<', now.toISOString()),
        ...(dead ? [eb('lease_owner', '=', dead)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Who holds a source's lease now, if anyone. */
export async function leaseOwner(db: Kysely<DB>, source: string): Promise<string | undefined> {
  const row = await db.selectFrom('ingest_checkpoints').select('lease_owner').where('source', '=', source).executeTakeFirst();
  return row?.lease_owner ?? undefined;
}

/** Gives the lease back (only if still ours). */
export async function releaseLease(db: Kysely<DB>, source: string, owner: string): Promise<void> {
  await db
    .updateTable('ingest_checkpoints')
    .set({ lease_owner: null, lease_until: null })
    .where('source', '=', source)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Records the start of a run; runs of the source left "running" by a dead process become "interrupted". */
export async function startRun(db: Kysely<DB>, source: string, params: unknown, now: Date): Promise<string> {
  await db.updateTable('ingest_runs').set({ status: 'interrupted' }).where('source', '=', source).where('status', '=', 'running').execute();
  const id = randomUUID();
  await db
    .insertInto('ingest_runs')
    .values({ id, source, params: JSON.stringify(params), status: 'running', started_at: now.toISOString() })
    .execute();
  return id;
}

export interface RunCounts {
  requests: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
}

/** Stores a run's counts so far (progress visible from other processes), with its HTTP attempts when counted. */
export async function updateRun(db: Kysely<DB>, id: string, counts: RunCounts, errors: string[], attempts?: number): Promise<void> {
  await db
    .updateTable('ingest_runs')
    .set({ ...counts, errors: JSON.stringify(errors.slice(0, 200)), ...(attempts !== undefined ? { attempts } : {}) })
    .where('id', '=', id)
    .execute();
}

/** How a run ended: ok; partial (to the end, with problems: failed requests, rejected records); failed (stopped). */
export type RunStatus = 'ok' | 'partial' | 'failed';

/** Marks a run finished with its final counts and, when counted, its HTTP attempts. */
export async function finishRun(db: Kysely<DB>, id: string, status: RunStatus, counts: RunCounts, errors: string[], now: Date, attempts?: number): Promise<void> {
  await db
    .updateTable('ingest_runs')
    .set({ ...counts, status, errors: JSON.stringify(errors.slice(0, 200)), finished_at: now.toISOString(), ...(attempts !== undefined ? { attempts } : {}) })
    .where('id', '=', id)
    .execute();
}

/** The latest runs, newest first. */
export async function listRuns(db: Kysely<DB>, limit: number, source?: string): Promise<IngestRun[]> {
  let q = db.selectFrom('ingest_runs').selectAll().orderBy('started_at', 'desc').limit(limit);
  if (source) q = q.where('source', '=', source);
  return q.execute();
}

/** Every source's checkpoint, for status displays. */
export async function listCheckpoints(db: Kysely<DB>): Promise<{ source: string; state: unknown; updatedAt: string; leaseOwner: string | null; leaseUntil: string | null }[]> {
  const rows = await db.selectFrom('ingest_checkpoints').selectAll().orderBy('source').execute();
  return rows.map((r) => ({ source: r.source, state: JSON.parse(r.state), updatedAt: r.updated_at, leaseOwner: r.lease_owner, leaseUntil: r.lease_until }));
}
