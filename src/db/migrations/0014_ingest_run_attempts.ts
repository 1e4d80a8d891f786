/**
 * Migration 0014: a run's record keeps its HTTP attempts (its requests plus the retries made
 * while it ran), as the run's final report prints them, so `ingest status` and /admin/ingest show
 * them too. Null for runs recorded before, and for runs whose environment does not count retries.
 * Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ingest_runs').addColumn('attempts', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
