/**
 * Many small rows into one table (a paper's categories, its author names): on SQLite one
 * statement per batch with the rows as a single JSON parameter, read back by json_each, which
 * spares building and preparing a statement with thousands of placeholders; on PostgreSQL
 * Kysely's multi-row insert.
 */
import { type Kysely, sql, SqliteAdapter } from 'kysely';
import type { DB } from './schema.ts';

type Table = 'paper_names' | 'paper_categories';

/** Inserts rows of string columns, in batches; `columns` lists the table's primary key first, in its order. */
export async function insertRows<T extends Table>(db: Kysely<DB>, table: T, columns: readonly (keyof DB[T] & string)[], rows: Record<string, string>[]): Promise<void> {
  if (rows.length === 0) return;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (let i = 0; i < rows.length; i += 10_000) {
      const json = JSON.stringify(rows.slice(i, i + 10_000).map((r) => columns.map((c) => r[c])));
      const picks = columns.map((_, k) => sql`json_extract(value, ${sql.lit(`$[${k}]`)})`);
      // In key order (the columns are listed in primary-key order): each page of the key's index is
      // visited once per batch instead of once per row that lands on it.
      const order = columns.map((_, k) => sql.lit(k + 1));
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(picks)} from json_each(${json}) order by ${sql.join(order)}`.execute(db);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insertInto(table).values(rows.slice(i, i + 2000) as never).execute();
  }
}
