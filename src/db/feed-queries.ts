/**
 * What RSS/Atom feeds read (and the pages of an author and of an organization's name, a page at a
 * time): papers filtered by feed-date range, arXiv category, organization or author, and a cheap
 * validator for the same filter (count and latest updated_at), computed before any feed is built
 * so a poll that changes nothing costs one aggregate query (a search feed's validator is its own
 * results, read by id). Names are
 * looked up by key in paper_names (Unicode case folding done in JavaScript, the same for both
 * dialects), never with the database's lower().
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { categoryMatches } from './paper-categories.ts';
import { hasName, ofOrganization } from './paper-names.ts';
import { orgNameColumn, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';

export interface FeedFilter {
  from?: string;
  to?: string;
  /** An arXiv category, or a bare archive name ("cs") for any of its categories. */
  category?: string;
  /** Organization name, any case (papers.organization); with orgHandle, either matches. */
  organization?: string;
  /** Papers assigned to this organization page (papers.org_handle). */
  orgHandle?: string;
  /** Author name, any case: one whole element of the paper's authors. */
  author?: string;
}

export type FeedOrder = 'newest' | 'upvotes' | 'trending';

function filtered<O>(q: SelectQueryBuilder<DB, 'papers', O>, f: FeedFilter): SelectQueryBuilder<DB, 'papers', O> {
  let out = q.where('hidden', '=', 0);
  if (f.from) out = out.where('feed_date', '>=', f.from);
  if (f.to) out = out.where('feed_date', '<=', f.to);
  const { organization, orgHandle, author } = f;
  if (organization !== undefined || orgHandle !== undefined) {
    out = out.where((eb) => (orgHandle === undefined ? hasName(eb, 'organization', organization!) : organization === undefined ? eb('org_handle', '=', orgHandle) : ofOrganization(eb, orgHandle, organization)));
  }
  if (author !== undefined) out = out.where((eb) => hasName(eb, 'author', author));
  if (f.category) {
    const cat = f.category;
    out = out.where((eb) => eb.exists(eb.selectFrom('paper_categories as pc').select('pc.paper_id').whereRef('pc.paper_id', '=', 'papers.id').where(categoryMatches('pc.category', cat))));
  }
  return out;
}

/** The nearest feed date before (-1) or after (1) `date` on which a paper the filter keeps entered the feed. */
export async function adjacentFilteredDate(db: Kysely<DB>, f: FeedFilter, date: string, dir: -1 | 1): Promise<string | undefined> {
  const row = await filtered(db.selectFrom('papers'), f)
    .select((eb) => (dir < 0 ? eb.fn.max('feed_date') : eb.fn.min('feed_date')).as('d'))
    .where('feed_date', dir < 0 ? '<' : '>', date)
    .executeTakeFirst();
  return row?.d ?? undefined;
}

/** Number of papers a filter keeps and the latest time one of them changed. */
export async function feedValidator(db: Kysely<DB>, f: FeedFilter): Promise<{ count: number; lastModified: string | null }> {
  const row = await filtered(db.selectFrom('papers'), f)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('m')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), lastModified: row.m ?? null };
}

/**
 * The validator of a list of papers chosen elsewhere (a search feed's results): their ids in order
 * with the time each last changed, and the latest of those times, read by id.
 */
export async function listValidator(db: Kysely<DB>, ids: string[]): Promise<{ version: string; lastModified: string | null }> {
  const rows = ids.length === 0 ? [] : await db.selectFrom('papers').select(['id', 'updated_at']).where('id', 'in', ids).execute();
  const changed = new Map(rows.map((r) => [r.id, r.updated_at]));
  const times = rows.map((r) => r.updated_at).sort();
  return { version: ids.map((id) => `${id}@${changed.get(id) ?? ''}`).join(','), lastModified: times.at(-1) ?? null };
}

/** Papers a filter keeps, in an order, at most `limit`. */
export async function feedPapers(db: Kysely<DB>, f: FeedFilter, order: FeedOrder, limit: number): Promise<Paper[]> {
  let q = filtered(db.selectFrom('papers').selectAll().select(orgNameColumn), f);
  if (order === 'newest') q = q.orderBy('feed_date', 'desc').orderBy('upvotes', 'desc');
  else if (order === 'upvotes') q = q.orderBy('upvotes', 'desc').orderBy('trending', 'desc');
  else q = q.orderBy('trending', 'desc').orderBy('upvotes', 'desc');
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map(rowToPaper);
}

/** How many papers a filter keeps and their total upvotes (the pages of an author and of an organization's name). */
export async function feedTotals(db: Kysely<DB>, f: FeedFilter): Promise<{ total: number; upvotes: number }> {
  const sums = await filtered(db.selectFrom('papers'), f)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('upvotes').as('up')])
    .executeTakeFirstOrThrow();
  return { total: Number(sums.n), upvotes: Number(sums.up ?? 0) };
}

/**
 * One page of the papers a filter keeps, newest in the feed first (the pages of an author and of
 * an organization's name). Papers in no feed yet come last on both dialects (PostgreSQL would
 * sort their null dates first).
 */
export async function feedPageRows(db: Kysely<DB>, f: FeedFilter, page: { limit: number; offset: number }): Promise<Paper[]> {
  const rows = await filtered(db.selectFrom('papers').selectAll().select(orgNameColumn), f)
    .orderBy(sql`case when feed_date is null then 1 else 0 end`)
    .orderBy('feed_date', 'desc')
    .orderBy('upvotes', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(rowToPaper);
}
