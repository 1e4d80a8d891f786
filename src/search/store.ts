/**
 * What the index reads from the store of record: the change stream (by text_seq), a count of
 * pending changes, and abstracts of a few papers for reranking. Works on every dialect.
 */
import type { Kysely } from 'kysely';
import { textChangesSince } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';

/** Where a follower of the change stream stands: the last (text_seq, id) it has seen. */
export interface Cursor {
  seq: number;
  id: string;
}

/** One changed paper as the index needs it. */
export interface Change {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  hidden: boolean;
}

const PAGE = 2000;

/** Every change after a cursor, oldest first, advancing the cursor as pages are read. */
export async function* changesSince(db: Kysely<DB>, cursor: Cursor): AsyncGenerator<Change[]> {
  for (;;) {
    const rows = await textChangesSince(db, cursor.seq, cursor.id, PAGE);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    cursor.seq = Number(last.text_seq);
    cursor.id = last.id;
    yield rows.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract, authors: parseAuthors(r.authors), hidden: Number(r.hidden) !== 0 }));
    if (rows.length < PAGE) return;
  }
}

/** Number of papers whose text changed after a sequence number (an upper bound of pending work). */
export async function countChangesSince(db: Kysely<DB>, seq: number): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('text_seq', '>', seq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The highest text_seq in the store (-1 when empty): a saved index past it belongs to another store's history. */
export async function maxTextSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.max('text_seq').as('seq'))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? -1 : Number(row.seq);
}

/** A paper's words as the store has them. */
export interface PaperText {
  title: string;
  abstract: string;
}

/** Titles and abstracts of papers by id (missing ones are simply absent). */
export async function fetchTexts(db: Kysely<DB>, ids: string[]): Promise<Map<string, PaperText>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, abstract: r.abstract }]));
}

function parseAuthors(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}
