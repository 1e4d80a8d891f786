/**
 * paper_categories: each paper's arXiv categories, one row each, written with the paper, so that
 * feeds and searches filter by category through an index.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { insertRows } from './bulk-insert.ts';
import type { DB } from './schema.ts';

/** Rewrites the category rows of papers whose categories changed (in the upsert's transaction). */
export async function replaceCategories(db: Kysely<DB>, changes: { stored: Paper | undefined; paper: Paper }[]): Promise<void> {
  const changed = changes.filter((c) => (c.stored?.categories ?? []).join() !== c.paper.categories.join());
  const stale = changed.filter((c) => c.stored && c.stored.categories.length > 0).map((c) => c.paper.id);
  for (let i = 0; i < stale.length; i += 500) {
    await db.deleteFrom('paper_categories').where('paper_id', 'in', stale.slice(i, i + 500)).execute();
  }
  const rows = changed.flatMap((c) => c.paper.categories.map((category) => ({ paper_id: c.paper.id, category })));
  await insertRows(db, 'paper_categories', ['paper_id', 'category'], rows);
}

/**
 * The condition on a category column for a filter (see core/categories.ts): the category, or for
 * a bare archive name ("cs") any category of it ("cs.LG"). The archive's categories are found with
 * substr, not LIKE, so that both dialects compare case-sensitively.
 */
export function categoryMatches(column: string, filter: string): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (filter.includes('.')) return sql<SqlBool>`${ref} = ${filter}`;
  return sql<SqlBool>`(${ref} = ${filter} or substr(${ref}, 1, ${sql.lit(filter.length + 1)}) = ${`${filter}.`})`;
}

/** Which of these papers are listed in an arXiv category (or in a category of an archive named bare). */
export async function papersInCategory(db: Kysely<DB>, category: string, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('paper_categories')
      .select('paper_id')
      .where(categoryMatches('category', category))
      .where('paper_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.paper_id);
  }
  return out;
}

/**
 * arXiv ids of papers listed in no category (they came from a source without them, such as
 * Hugging Face's daily papers), newest feed day first; only those of some feed days when given.
 */
export async function arxivIdsWithoutCategories(db: Kysely<DB>, opts: { dates?: string[]; limit: number }): Promise<string[]> {
  let q = db
    .selectFrom('papers')
    .select('arxiv_id')
    .where('arxiv_id', 'is not', null)
    .where('hidden', '=', 0)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('paper_categories').select('paper_id').whereRef('paper_categories.paper_id', '=', 'papers.id'))));
  if (opts.dates) q = q.where('feed_date', 'in', opts.dates.length > 0 ? opts.dates : ['']);
  const rows = await q.orderBy('feed_date', 'desc').orderBy('arxiv_id').limit(opts.limit).execute();
  return rows.map((r) => r.arxiv_id!);
}

/** Visible papers of a feed-date range listed in no category: a category filter cannot keep them. */
export async function countWithoutCategories(db: Kysely<DB>, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('feed_date', '>=', from)
    .where('feed_date', '<=', to)
    .where('hidden', '=', 0)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('paper_categories').select('paper_id').whereRef('paper_categories.paper_id', '=', 'papers.id'))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives categories to the papers (by arXiv id) that have none yet, leaving any that have some
 * alone; returns how many papers got theirs. Each chunk is one transaction.
 */
export async function addCategoriesWhereMissing(db: Kysely<DB>, byArxivId: ReadonlyMap<string, readonly string[]>): Promise<number> {
  const ids = [...byArxivId.keys()];
  let done = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    done += await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('papers').select(['id', 'arxiv_id']).where('arxiv_id', 'in', chunk).where('categories', '=', '[]').execute();
      const given = rows.map((r) => ({ id: r.id, categories: [...new Set(byArxivId.get(r.arxiv_id!) ?? [])] })).filter((r) => r.categories.length > 0);
      for (const r of given) await trx.updateTable('papers').set({ categories: JSON.stringify(r.categories) }).where('id', '=', r.id).execute();
      await insertRows(trx, 'paper_categories', ['paper_id', 'category'], given.flatMap((r) => r.categories.map((category) => ({ paper_id: r.id, category }))));
      return given.length;
    });
  }
  return done;
}

/** The categories papers are listed in most, with how many papers each, most first. */
export async function categoryCounts(db: Kysely<DB>, limit: number): Promise<{ category: string; papers: number }[]> {
  const rows = await db
    .selectFrom('paper_categories')
    .select(['category', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('category')
    .orderBy('n', 'desc')
    .orderBy('category')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ category: r.category, papers: Number(r.n) }));
}
