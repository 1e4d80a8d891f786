/**
 * Moves a whole store into another, SQLite to PostgreSQL or back: every one of Paperboy's tables,
 * parents before children, in one transaction on each side. The source is read as one snapshot;
 * the target is written in one transaction, so a copy that fails or is stopped leaves the target
 * as empty as it was. The target must be empty (what its migrations wrote aside) and is brought to
 * the source's migration level first; the source must have no migration pending.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, type Kysely } from 'kysely';
import { AppError, badRequest } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { ensureSchema, isNewDatabase, migrateToLatest } from '../db/migrate.ts';
import { resetSequences } from '../db/pg-sequences.ts';
import { getSetting, putSetting } from '../db/settings.ts';
import { type StoreTable, storeTables } from '../db/store-tables.ts';
import { clearRows, countRows } from '../db/table-rows.ts';
import { type CopyProgress, copyTable } from './copy-table.ts';

export type { CopyProgress } from './copy-table.ts';

/** What a copy did: each table's rows in the source and in the target, in copy order. */
export interface CopyReport {
  tables: { name: string; source: number; target: number }[];
  rows: number;
  /** PostgreSQL sequences moved past the copied rows. */
  sequences: number;
  ms: number;
}

/** Copies every table of `source` into the empty `target`. */
export async function copyStore(source: Database, target: Database, opts: { batch?: number; onProgress?: (p: CopyProgress) => void } = {}): Promise<CopyReport> {
  const started = Date.now();
  await checkSource(source);
  const tables = await storeTables();
  await refuseFilled(target, tables);
  await migrateToLatest(target);
  const read = source.dialect === 'postgres' ? source.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : source.db.transaction();
  const counted = await read.execute((from) =>
    target.db.transaction().execute(async (to) => {
      await refuseFilled({ ...target, db: to }, tables);
      for (const t of [...tables].reverse()) await clearRows(to, t.name);
      const counted: CopyReport['tables'] = [];
      for (const t of tables) {
        const total = await countRows(from, t.name);
        await copyTable(from, to, target.dialect, t, { batch: opts.batch ?? 5000, total, onProgress: opts.onProgress });
        counted.push({ name: t.name, source: total, target: await countRows(to, t.name) });
      }
      const wrong = counted.filter((c) => c.source !== c.target);
      if (wrong.length > 0) throw new Error(`row counts differ after the copy (${wrong.map((c) => `${c.name}: ${c.source} read, ${c.target} written`).join('; ')}); nothing was kept`);
      await renewStoreId(to);
      return { counted, sequences: target.dialect === 'postgres' ? await resetSequences(to, target.pgSchema ?? 'public') : 0 };
    }),
  );
  return { tables: counted.counted, rows: counted.counted.reduce((n, c) => n + c.target, 0), sequences: counted.sequences, ms: Date.now() - started };
}

/** Refuses a source that holds no Paperboy tables, has a migration pending, or was migrated by a newer Paperboy. */
export async function checkSource(source: Database): Promise<void> {
  if (await isNewDatabase(source)) throw new AppError(500, 'no_database', `the source ${where(source)} holds no Paperboy tables: nothing to copy`);
  await ensureSchema(source, { migrate: false });
}

/** The store's name for messages: its URL with the password masked, and its schema on PostgreSQL. */
export function where(database: Database): string {
  return database.dialect === 'postgres' ? `${database.label} (schema ${database.pgSchema ?? 'public'})` : database.label;
}

/**
 * Refuses a target holding anything beyond what its migrations wrote (the target of an earlier
 * copy, a store in use, another application's database or schema), and a PostgreSQL schema that
 * does not exist. Nothing is written first.
 */
async function refuseFilled(target: Database, tables: StoreTable[]): Promise<void> {
  if (target.dialect === 'postgres' && (await target.db.introspection.getSchemas()).length === 0) {
    throw badRequest('no_schema', `the schema ${target.pgSchema} does not exist in ${target.label}: create it first (create schema ${target.pgSchema})`);
  }
  const present = new Set((await target.db.introspection.getTables()).map((t) => t.name));
  const ours = new Set([...tables.map((t) => t.name), DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
  const foreign = [...present].filter((name) => !ours.has(name));
  const filled: string[] = [];
  for (const t of tables) {
    if (!present.has(t.name)) continue;
    const rows = await countRows(target.db, t.name);
    if (rows > t.seedRows) filled.push(`${t.name}: ${rows} rows`);
  }
  const listed = (names: string[]): string => `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}`;
  // Another application's database or schema: never to be replaced, so the way out is another target.
  if (foreign.length > 0) {
    const elsewhere = target.dialect === 'sqlite' ? 'a new SQLite file' : 'an empty schema (--to-schema)';
    throw badRequest('target_not_empty', `the target ${where(target)} holds tables that are not Paperboy's (${listed(foreign)}): nothing was copied. A copy goes into an empty store only: give ${elsewhere}.`);
  }
  if (filled.length === 0) return;
  const startOver =
    target.dialect === 'sqlite'
      ? `delete the file ${target.label} (and its -wal and -shm files)`
      : `drop and recreate the schema (drop schema ${target.pgSchema} cascade; create schema ${target.pgSchema})`;
  throw badRequest(
    'target_not_empty',
    `the target ${where(target)} is not empty (${listed(filled)}): nothing was copied. A copy goes into an empty store only; to replace this one, ${startOver}, then copy again.`,
  );
}

/**
 * A copy is a store of its own: a new store id, so that a search index saved for the source is
 * never taken for the target's (each node builds the target's index from its rows).
 */
async function renewStoreId(db: Kysely<any>): Promise<void> {
  if (await getSetting(db, 'store_id')) await putSetting(db, 'store_id', randomBytes(16).toString('hex'));
}
