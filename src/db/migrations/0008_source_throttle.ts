/**
 * Migration 0008: one row per outside source (arXiv, Hugging Face) holding when its next request
 * may start and who is sending one now, so that every process on this store keeps the source's
 * rate rules together. Times are milliseconds since 1970 by the database's clock. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('source_throttle')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('held_until', 'bigint')
    .addColumn('turn', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
