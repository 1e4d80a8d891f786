/**
 * Migration 0002: what ingestion needs. Papers learn their arXiv version, withdrawal, submitter,
 * GitHub stars and Hugging Face's AI summary and keywords; each source keeps a checkpoint (with
 * a lease, so one node of many runs a job), and every run is recorded. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('papers').addColumn('version', 'integer').execute();
  await db.schema.alterTable('papers').addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('papers').addColumn('submitted_by', 'text').execute();
  await db.schema.alterTable('papers').addColumn('github_stars', 'integer').execute();
  await db.schema.alterTable('papers').addColumn('ai_summary', 'text').execute();
  await db.schema.alterTable('papers').addColumn('ai_keywords', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('ingest_checkpoints')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ingest_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('ingest_runs_started').on('ingest_runs').columns(['started_at desc']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
