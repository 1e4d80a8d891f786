/**
 * Rows of any of Paperboy's tables, by name, for copying a whole store: counted, read a page at a
 * time in primary-key order, and written in multi-row inserts no larger than the dialect takes.
 * Values are written as the target dialect's own code writes them.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from './database.ts';

/** A row as read: column name to value. */
export type Row = Record<string, unknown>;

/** A table's name and the columns a copy reads and writes. */
export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
}

/** Bound parameters per statement, below each dialect's limit (SQLite 32,766; PostgreSQL 65,535). */
const MAX_PARAMS: Record<Dialect, number> = { sqlite: 30_000, postgres: 60_000 };

/** How many rows the table holds. */
export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The next page of rows: those after `after` in primary-key order (from the start without it).
 * A table without a primary key is paged by position (`skip`) in the order of all its columns.
 */
export async function readPage(db: Kysely<any>, table: TableShape, after: Row | undefined, skip: number, limit: number): Promise<Row[]> {
  const key = table.primaryKey;
  let query = db.selectFrom(table.name).select(table.columns).limit(limit);
  for (const c of key.length > 0 ? key : table.columns) query = query.orderBy(c);
  if (key.length === 0) return query.offset(skip).execute();
  if (after) query = query.where(sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) > (${sql.join(key.map((c) => after[c]))})`);
  return query.execute();
}

/** Inserts rows into a table, as many per statement as the dialect allows. */
export async function writeRows(db: Kysely<any>, dialect: Dialect, table: TableShape, rows: readonly Row[]): Promise<void> {
  const per = Math.max(1, Math.floor(MAX_PARAMS[dialect] / table.columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((r) => Object.fromEntries(table.columns.map((c) => [c, portable(r[c], dialect)])));
    await db.insertInto(table.name).values(values).execute();
  }
}

/** Deletes every row of a table. */
export async function clearRows(db: Kysely<any>, table: string): Promise<void> {
  await db.deleteFrom(table).execute();
}

/**
 * A value read from one dialect as the other's code writes it. SQLite has no booleans, dates or
 * JSON values (Paperboy writes 0/1, ISO text and JSON text); PostgreSQL's driver would write a
 * JavaScript array as an SQL array, so JSON read from a json column goes back as its text.
 */
function portable(value: unknown, dialect: Dialect): unknown {
  if (value === null || typeof value !== 'object') return dialect === 'sqlite' && typeof value === 'boolean' ? Number(value) : value;
  if (value instanceof Date) return dialect === 'sqlite' ? value.toISOString() : value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}
