/**
 * Append-only migrations, recorded in Kysely's migration table; each runs in its own
 * transaction where the dialect allows. The list below is the only place a migration is named.
 */
import { DEFAULT_MIGRATION_TABLE, type Migration, type MigrationResult, Migrator, sql } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Database } from './database.ts';
import * as m0001 from './migrations/0001_papers.ts';
import * as m0002 from './migrations/0002_ingestion.ts';
import * as m0003 from './migrations/0003_community.ts';
import * as m0004 from './migrations/0004_delivery.ts';
import * as m0005 from './migrations/0005_paper_names.ts';
import * as m0006 from './migrations/0006_daily_feed_date.ts';
import * as m0007 from './migrations/0007_text_seq_cursor.ts';
import * as m0008 from './migrations/0008_source_throttle.ts';
import * as m0009 from './migrations/0009_account_lifecycle.ts';
import * as m0010 from './migrations/0010_org_invitations.ts';
import * as m0011 from './migrations/0011_reply_notifications.ts';
import * as m0012 from './migrations/0012_feed_page_index.ts';
import * as m0013 from './migrations/0013_hf_submitter.ts';
import * as m0014 from './migrations/0014_ingest_run_attempts.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_papers': m0001,
  '0002_ingestion': m0002,
  '0003_community': m0003,
  '0004_delivery': m0004,
  '0005_paper_names': m0005,
  '0006_daily_feed_date': m0006,
  '0007_text_seq_cursor': m0007,
  '0008_source_throttle': m0008,
  '0009_account_lifecycle': m0009,
  '0010_org_invitations': m0010,
  '0011_reply_notifications': m0011,
  '0012_feed_page_index': m0012,
  '0013_hf_submitter': m0013,
  '0014_ingest_run_attempts': m0014,
};

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(database.pgSchema ? { migrationTableSchema: database.pgSchema } : {}),
  });
}

/** Names of the migrations recorded in the store (none when it has no migration table). */
async function appliedMigrations(database: Database): Promise<string[]> {
  const { db, pgSchema } = database;
  const exists =
    database.dialect === 'postgres'
      ? await sql`select 1 from information_schema.tables where table_schema = ${pgSchema ?? 'public'} and table_name = ${DEFAULT_MIGRATION_TABLE}`.execute(db)
      : await sql`select 1 from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}`.execute(db);
  if (exists.rows.length === 0) return [];
  const table = database.dialect === 'postgres' ? sql.id(pgSchema ?? 'public', DEFAULT_MIGRATION_TABLE) : sql.id(DEFAULT_MIGRATION_TABLE);
  const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Refuses a store that a newer Paperboy migrated: its schema holds changes this version does not
 * know, and neither running on it nor migrating it (Kysely would call it corrupted) is safe.
 */
async function refuseNewer(database: Database): Promise<void> {
  const unknown = (await appliedMigrations(database)).filter((name) => !Object.hasOwn(MIGRATIONS, name)).sort();
  if (unknown.length === 0) return;
  const named = unknown.length === 1 ? `migration ${unknown[0]}` : `migrations ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', ...' : ''}`;
  throw new AppError(500, 'schema_newer', `this database was migrated by a newer Paperboy (${named}); upgrade Paperboy`);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  await refuseNewer(database);
  const { error, results } = await migrator(database).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when no migration was ever applied: a brand-new store. */
export async function isNewDatabase(database: Database): Promise<boolean> {
  return (await pendingMigrations(database)).length === Object.keys(MIGRATIONS).length;
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Refuses to go on with a schema that is behind, unless told to migrate it, or one that is ahead. */
export async function ensureSchema(database: Database, opts: { migrate: boolean }): Promise<void> {
  await refuseNewer(database);
  const pending = await pendingMigrations(database);
  if (pending.length === 0) return;
  if (!opts.migrate) {
    throw new AppError(500, 'schema_behind', `The database schema is behind (${pending.join(', ')} pending): run \`npx paperboy migrate\`.`);
  }
  await migrateToLatest(database);
}
