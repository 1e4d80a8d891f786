/**
 * One table copied from a store into another, a page of rows at a time, inside the caller's
 * transactions. A table whose rows name other rows of the same table (a reply its comment) is
 * written parents first: a row waits until the row it names has been written.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { ForeignKey, StoreTable } from '../db/store-tables.ts';
import { readPage, type Row, writeRows } from '../db/table-rows.ts';

/** Where a copy stands: rows of a table done out of its total. */
export interface CopyProgress {
  table: string;
  done: number;
  total: number;
}

/** Copies every row of a table (the caller counts what landed). */
export async function copyTable(
  from: Kysely<any>,
  to: Kysely<any>,
  dialect: Dialect,
  table: StoreTable,
  opts: { batch: number; total: number; onProgress?: ((p: CopyProgress) => void) | undefined },
): Promise<void> {
  const selfKeys = table.foreignKeys.filter((k) => k.table === table.name);
  const order = selfKeys.length > 0 ? parentsFirst(selfKeys) : undefined;
  let read = 0;
  for (let after: Row | undefined; ; ) {
    const rows = await readPage(from, table, after, read, opts.batch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1];
    read += rows.length;
    await writeRows(to, dialect, table, order ? order.accept(rows) : rows);
    opts.onProgress?.({ table: table.name, done: read, total: Math.max(opts.total, read) });
  }
  // Rows whose parent is not in the table: writing them lets the store report the broken reference.
  await writeRows(to, dialect, table, order?.rest() ?? []);
}

/** Releases rows in an order where each comes after the rows of the same table it names. */
function parentsFirst(keys: ForeignKey[]): { accept(rows: Row[]): Row[]; rest(): Row[] } {
  const written = new Set<string>();
  const waiting = new Map<string, Row[]>();
  const id = (i: number, row: Row, columns: string[]): string => `${i}\u0000${JSON.stringify(columns.map((c) => row[c]))}`;
  const missingParent = (row: Row): string | undefined =>
    keys
      .map((k, i) => (k.columns.some((c) => row[c] === null || row[c] === undefined) ? undefined : id(i, row, k.columns)))
      .find((parent) => parent !== undefined && !written.has(parent));
  return {
    accept(rows) {
      const out: Row[] = [];
      const queue = [...rows];
      for (let row = queue.shift(); row; row = queue.shift()) {
        const parent = missingParent(row);
        if (parent) {
          waiting.set(parent, [...(waiting.get(parent) ?? []), row]);
          continue;
        }
        out.push(row);
        keys.forEach((k, i) => {
          const own = id(i, row as Row, k.references);
          written.add(own);
          const children = waiting.get(own);
          if (children) {
            waiting.delete(own);
            queue.push(...children);
          }
        });
      }
      return out;
    },
    rest: () => [...waiting.values()].flat(),
  };
}
