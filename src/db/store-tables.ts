/**
 * Paperboy's tables as its migrations make them: a fresh store is migrated in memory and its
 * catalog read (columns, primary key, foreign keys) together with the rows the migrations
 * themselves write (the text_seq counter). A table added by a later migration is part of the
 * list without further code; Kysely's own bookkeeping tables are not. Migrations are written once
 * for both dialects, so this one catalog describes a PostgreSQL store as well.
 */
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, type Kysely, sql } from 'kysely';
import { dependencyOrder } from '../core/dependency-order.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { countRows } from './table-rows.ts';

/** A foreign key: these columns name those of another table (or of the same one). */
export interface ForeignKey {
  columns: string[];
  table: string;
  references: string[];
}

/** One of Paperboy's tables. */
export interface StoreTable {
  name: string;
  columns: string[];
  /** The primary key's columns in key order (empty when the table has none). */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Rows a freshly migrated store already holds in it. */
  seedRows: number;
}

/** Paperboy's tables, each after the tables its foreign keys name. */
export async function storeTables(): Promise<StoreTable[]> {
  const fresh = openDatabase('sqlite::memory:');
  try {
    await migrateToLatest(fresh);
    const db = fresh.db as unknown as Kysely<unknown>;
    const { rows: names } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
    const tables = new Map<string, StoreTable>();
    for (const { name } of names) {
      if (name === DEFAULT_MIGRATION_TABLE || name === DEFAULT_MIGRATION_LOCK_TABLE) continue;
      tables.set(name, await describe(db, name));
    }
    // A key that names no column refers to the other table's primary key.
    for (const t of tables.values()) for (const k of t.foreignKeys) if (k.references.length === 0) k.references = tables.get(k.table)?.primaryKey ?? [];
    const order = dependencyOrder([...tables.values()].map((t) => ({ name: t.name, after: t.foreignKeys.map((k) => k.table) })));
    return order.map((name) => tables.get(name) as StoreTable);
  } finally {
    await fresh.close();
  }
}

async function describe(db: Kysely<unknown>, name: string): Promise<StoreTable> {
  const { rows: columns } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
  const { rows: keys } = await sql<{ id: number; table: string; from: string; to: string | null }>`
    select id, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(db);
  const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const foreignKeys = new Map<number, ForeignKey>();
  for (const k of keys) {
    const fk = foreignKeys.get(k.id) ?? { columns: [], table: k.table, references: [] };
    fk.columns.push(k.from);
    if (k.to !== null) fk.references.push(k.to);
    foreignKeys.set(k.id, fk);
  }
  return { name, columns: columns.map((c) => c.name), primaryKey, foreignKeys: [...foreignKeys.values()], seedRows: await countRows(db, name) };
}
