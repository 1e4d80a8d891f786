/**
 * Papers in the store of record: upsert in batches, look-ups, feed pages and the change stream
 * that search indexes follow. Plain functions taking the database (or a transaction) first.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { mergePaper, normalizeArxivId, normalizeTitle, type Paper, type PaperInput, textChanged } from '../core/paper.ts';
import { categoryMatches, replaceCategories } from './paper-categories.ts';
import { replaceNames } from './paper-names.ts';
import { trendingScore } from '../core/trending.ts';
import type { Selectable } from 'kysely';
import type { DB, PapersTable } from './schema.ts';

type Row = Selectable<PapersTable>;

/**
 * The name of the organization a paper is assigned to, as a column `org_name` to select beside
 * its row (`.select(orgNameColumn)`), so that pages, the API, feeds and digests show that name.
 */
export const orgNameColumn = (eb: ExpressionBuilder<DB, 'papers'>) =>
  eb.selectFrom('organizations as assigned_org').select('assigned_org.name').whereRef('assigned_org.handle', '=', 'papers.org_handle').as('org_name');

/** Converts a stored row (with `org_name` when selected) into the domain paper. */
export function rowToPaper(r: Row & { org_name?: string | null }): Paper {
  return {
    id: r.id,
    arxivId: r.arxiv_id,
    title: r.title,
    abstract: r.abstract,
    authors: JSON.parse(r.authors) as string[],
    authorsCount: r.authors_count,
    organization: r.organization,
    publishedOn: r.published_on,
    feedDate: r.feed_date,
    dailyFeedDate: r.feed_date_daily === 1,
    upvotes: r.upvotes,
    comments: r.comments,
    sourceUpvotes: r.source_upvotes,
    sourceComments: r.source_comments,
    categories: JSON.parse(r.categories) as string[],
    githubRepo: r.github_repo,
    projectPage: r.project_page,
    trending: r.trending,
    version: r.version,
    withdrawn: r.withdrawn === 1,
    submittedBy: r.submitted_by,
    submittedByHfUser: r.submitted_by_hf_user,
    githubStars: r.github_stars,
    aiSummary: r.ai_summary,
    aiKeywords: JSON.parse(r.ai_keywords) as string[],
    ...(r.org_handle ? { orgHandle: r.org_handle } : {}),
    ...(r.org_handle && r.org_name ? { orgName: r.org_name } : {}),
    ...(r.submitted_by_user ? { submittedHere: true } : {}),
  };
}

function paperToRow(p: Paper, now: string, textSeq: number, titleKey: TitleKey): Omit<Row, 'hidden' | 'submitted_by_user' | 'org_handle'> {
  return {
    id: p.id,
    arxiv_id: p.arxivId,
    title_key: titleKey(p.title),
    title: p.title,
    abstract: p.abstract,
    authors: JSON.stringify(p.authors),
    authors_count: p.authorsCount,
    organization: p.organization,
    published_on: p.publishedOn,
    feed_date: p.feedDate,
    feed_date_daily: p.dailyFeedDate ? 1 : 0,
    upvotes: p.upvotes,
    comments: p.comments,
    source_upvotes: p.sourceUpvotes,
    source_comments: p.sourceComments,
    categories: JSON.stringify(p.categories),
    github_repo: p.githubRepo,
    project_page: p.projectPage,
    trending: p.trending,
    version: p.version,
    withdrawn: p.withdrawn ? 1 : 0,
    submitted_by: p.submittedBy,
    submitted_by_hf_user: p.submittedByHfUser,
    github_stars: p.githubStars,
    ai_summary: p.aiSummary,
    ai_keywords: JSON.stringify(p.aiKeywords),
    text_seq: textSeq,
    created_at: now,
    updated_at: now,
  };
}

type TitleKey = (title: string) => string;

/** normalizeTitle remembered for one batch: a record's title is keyed once, not at each step of its upsert. */
function titleKeys(): TitleKey {
  const memo = new Map<string, string>();
  return (title) => {
    let key = memo.get(title);
    if (key === undefined) memo.set(title, (key = normalizeTitle(title)));
    return key;
  };
}

const trendingOf = (p: Paper): number => (p.feedDate ? trendingScore(p.upvotes, p.comments, p.feedDate) : 0);

/** Counts of what an upsert did. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Inserts or updates a batch of papers; run it inside a transaction. A record matches an existing
 * paper by id, then by arXiv id, then (when it has no arXiv id, or the match has none) by
 * normalized title, so the same paper from two sources stays one row. Unchanged papers are not
 * written at all, so importing the same file twice changes nothing.
 */
export async function upsertPapers(db: Kysely<DB>, records: PaperInput[], now = new Date().toISOString()): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return counts;
  const inputs = records.map(withoutNul);
  const titleKey = titleKeys();
  await lockPaperWrites(db);
  const known = await findMatches(db, inputs, titleKey);
  // For every paper the batch touches: the stored version (undefined if new) and the latest merge.
  const touched = new Map<string, { stored: Paper | undefined; paper: Paper; records: number }>();
  for (const input of inputs) {
    const current = known.get(matchKey(input, known, titleKey));
    const paper = mergePaper(current, input, trendingOf);
    if (current && JSON.stringify(current) === JSON.stringify(paper)) {
      counts.unchanged++;
      continue;
    }
    const entry = touched.get(paper.id);
    touched.set(paper.id, { stored: entry ? entry.stored : current, paper, records: (entry?.records ?? 0) + 1 });
    for (const key of keysOf(paper, titleKey)) known.set(key, paper);
  }
  // A paper listed twice in a batch may change on the way and end as it was stored (its two
  // records each win some fields): nothing to write. Every record lands in one count: a new
  // paper's later records count as updates of it.
  const changes: { stored: Paper | undefined; paper: Paper }[] = [];
  for (const c of touched.values()) {
    if (c.stored && JSON.stringify(c.stored) === JSON.stringify(c.paper)) {
      counts.unchanged += c.records;
      continue;
    }
    changes.push(c);
    // The first record of each paper is counted below, as an insert or an update.
    counts.updated += c.records - 1;
  }
  if (changes.length === 0) return counts;
  const textChanges = changes.filter((c) => !c.stored || textChanged(c.stored, c.paper));
  const seq = textChanges.length > 0 ? await nextTextSeq(db) : 0;
  const fresh = changes.filter((c) => !c.stored);
  // Multi-row inserts: far fewer round trips, and 100 rows stay well under SQLite's variable limit.
  for (let i = 0; i < fresh.length; i += 100) {
    await db
      .insertInto('papers')
      .values(fresh.slice(i, i + 100).map((c) => paperToRow(c.paper, now, seq, titleKey)))
      .execute();
  }
  counts.inserted += fresh.length;
  for (const { stored, paper } of changes) {
    if (!stored) continue;
    const { id, created_at, text_seq, upvotes, comments, trending, ...columns } = paperToRow(paper, now, seq, titleKey);
    void created_at;
    // Counts move by the source's change, atomically: votes and comments cast here meanwhile stay.
    const dUp = upvotes - stored.upvotes;
    const dComments = comments - stored.comments;
    await db
      .updateTable('papers')
      .set({
        ...(textChanged(stored, paper) ? { ...columns, text_seq } : columns),
        ...(dUp !== 0 ? { upvotes: sql`upvotes + ${dUp}` } : {}),
        ...(dComments !== 0 ? { comments: sql`comments + ${dComments}` } : {}),
        trending,
      })
      .where('id', '=', id)
      .execute();
    if (dUp !== 0 || dComments !== 0) await refreshTrending(db, id);
    counts.updated++;
  }
  await replaceCategories(db, changes);
  await replaceNames(db, changes);
  return counts;
}

/**
 * A record without NUL characters in its text, as the store keeps it (see nul-free.ts), so that a
 * re-import compares like with like and changes nothing.
 */
function withoutNul(input: PaperInput): PaperInput {
  const has = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(has));
  const clean = (v: unknown): unknown => (typeof v === 'string' ? v.replaceAll('\u0000', '') : Array.isArray(v) ? v.map(clean) : v);
  if (!Object.values(input).some(has)) return input;
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, clean(v)])) as PaperInput;
}

function keysOf(p: Paper, titleKey: TitleKey): string[] {
  const keys = [`id:${p.id}`, `title:${titleKey(p.title)}`];
  if (p.arxivId) keys.push(`id:${p.arxivId}`);
  return keys;
}

/** Recomputes a paper's trending score from its stored counts (call in the transaction that changed them). */
export async function refreshTrending(db: Kysely<DB>, id: string): Promise<void> {
  const row = await db.selectFrom('papers').select(['upvotes', 'comments', 'feed_date']).where('id', '=', id).executeTakeFirst();
  if (row?.feed_date) await db.updateTable('papers').set({ trending: trendingScore(row.upvotes, row.comments, row.feed_date) }).where('id', '=', id).execute();
}

/** Records looked up per query: at most 5 parameters each, well under SQLite's 32,766. */
const MATCH_CHUNK = 2000;

/** Existing papers that batch records may refer to, keyed by id, arXiv id and title key. */
async function findMatches(db: Kysely<DB>, inputs: PaperInput[], titleKey: TitleKey): Promise<Map<string, Paper>> {
  const rows: Row[] = [];
  for (let i = 0; i < inputs.length; i += MATCH_CHUNK) {
    const chunk = inputs.slice(i, i + MATCH_CHUNK);
    const ids = [...new Set(chunk.flatMap((r) => (r.arxivId ? [r.id, r.arxivId] : [r.id])))];
    const keys = [...new Set(chunk.map((r) => titleKey(r.title)))];
    rows.push(
      ...(await db
        .selectFrom('papers')
        .selectAll()
        .where((eb) => eb.or([eb('id', 'in', ids), eb('arxiv_id', 'in', ids), eb('title_key', 'in', keys)]))
        .execute()),
    );
  }
  const map = new Map<string, Paper>();
  for (const row of rows) {
    const p = rowToPaper(row);
    map.set(`id:${p.id}`, p);
    if (p.arxivId) map.set(`id:${p.arxivId}`, p);
    // Prefer, for a title shared by several rows, one without an arXiv id: it is the one to merge into.
    const tk = `title:${row.title_key}`;
    if (!map.has(tk) || !p.arxivId) map.set(tk, p);
  }
  return map;
}

/** The key under which `known` holds the paper a record updates (none holds `new:` keys). */
function matchKey(input: PaperInput, known: Map<string, Paper>, titleKey: TitleKey): string {
  if (known.has(`id:${input.id}`)) return `id:${input.id}`;
  if (input.arxivId && known.has(`id:${input.arxivId}`)) return `id:${input.arxivId}`;
  const key = `title:${titleKey(input.title)}`;
  const byTitle = known.get(key);
  // Two different arXiv ids never merge, however alike their titles.
  if (byTitle && (!input.arxivId || !byTitle.arxivId)) return key;
  return `new:${input.id}`;
}

/**
 * Makes the calling transaction the only writer of papers until it ends, so what it reads next
 * includes every paper committed before. Without it, on PostgreSQL, two writers of the same new
 * paper (two nodes loading the sample into an empty store, an import while a node ingests the
 * same day) would both miss it, and the second would fail on the primary key, or overwrite the
 * first's merge with one from a stale read. It locks the text_seq counter row, which every
 * writer of paper text takes anyway (SQLite's IMMEDIATE transactions hold the file already).
 * A writer that also locks paper rows (hiding a paper) takes it first, so no two writers ever
 * wait for each other in a cycle.
 */
export async function lockPaperWrites(db: Kysely<DB>): Promise<void> {
  await db.updateTable('counters').set({ value: sql`value` }).where('name', '=', 'text_seq').execute();
}

/**
 * Takes the next text sequence number. In PostgreSQL the counter row stays locked until the
 * transaction commits, so sequence order is commit order and a follower never skips a change.
 */
export async function nextTextSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'text_seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Marks papers withdrawn by arXiv id (OAI-PMH lists deleted records without metadata, so nothing
 * else about them is known); papers not in the store are ignored. Returns how many changed.
 */
export async function markWithdrawn(db: Kysely<DB>, arxivIds: string[], now = new Date().toISOString()): Promise<number> {
  let changed = 0;
  for (let i = 0; i < arxivIds.length; i += 500) {
    const ids = arxivIds.slice(i, i + 500);
    const r = await db
      .updateTable('papers')
      .set({ withdrawn: 1, updated_at: now })
      .where('withdrawn', '=', 0)
      .where((eb) => eb.or([eb('id', 'in', ids), eb('arxiv_id', 'in', ids)]))
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  return changed;
}

/** A paper by its id or its arXiv id in any form; hidden papers are not found. */
export async function findPaper(db: Kysely<DB>, id: string): Promise<Paper | undefined> {
  return findPaperIn(db, id, 0);
}

/** A paper a moderator hid, by its id or its arXiv id in any form (for the staff's view of it). */
export async function findHiddenPaper(db: Kysely<DB>, id: string): Promise<Paper | undefined> {
  return findPaperIn(db, id, 1);
}

/**
 * A paper by its id or arXiv id, shown or hidden. The arXiv id may be written as elsewhere
 * (2501.05441v2, arXiv:2501.05441, an arxiv.org link), as search and submissions take it.
 */
async function findPaperIn(db: Kysely<DB>, id: string, hidden: 0 | 1): Promise<Paper | undefined> {
  const find = (key: string) =>
    db
      .selectFrom('papers')
      .selectAll()
      .select(orgNameColumn)
      .where((eb) => eb.or([eb('id', '=', key), eb('arxiv_id', '=', key)]))
      .where('hidden', '=', hidden)
      .executeTakeFirst();
  let row = await find(id);
  const arxivId = row ? undefined : normalizeArxivId(id);
  if (arxivId && arxivId !== id) row = await find(arxivId);
  return row ? rowToPaper(row) : undefined;
}

/** Papers by id, in the order asked, skipping any that are missing or hidden. */
export async function getPapers(db: Kysely<DB>, ids: string[]): Promise<Paper[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('papers').selectAll().select(orgNameColumn).where('id', 'in', ids).where('hidden', '=', 0).execute();
  const byId = new Map(rows.map((r) => [r.id, rowToPaper(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A feed's order: most upvoted, trending, or newest published first (as Hugging Face's API names it). */
export type FeedSort = 'upvotes' | 'trending' | 'publishedAt';

/** One page of the papers that entered the feed between two dates (inclusive), of a category or archive if given. */
export async function listFeed(
  db: Kysely<DB>,
  q: { from: string; to: string; sort: FeedSort; limit: number; offset: number; category?: string },
): Promise<{ total: number; papers: Paper[] }> {
  let base = db.selectFrom('papers').where('feed_date', '>=', q.from).where('feed_date', '<=', q.to).where('hidden', '=', 0);
  if (q.category) {
    const cat = q.category;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('paper_categories as pc').select('pc.paper_id').whereRef('pc.paper_id', '=', 'papers.id').where(categoryMatches('pc.category', cat))),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page's ids first, sorted from the feed index alone (papers_feed_page), then those papers'
  // rows: a deep page sorts and skips narrow rows rather than every paper's abstract.
  let ordered = base.select('id');
  if (q.sort === 'publishedAt') {
    // Undated papers last on both dialects (PostgreSQL puts NULL first in a descending order).
    ordered = ordered.orderBy(sql`coalesce(papers.published_on, '')`, 'desc').orderBy('upvotes', 'desc');
  } else {
    const first = q.sort === 'upvotes' ? 'upvotes' : 'trending';
    ordered = ordered.orderBy(first, 'desc').orderBy(first === 'upvotes' ? 'trending' : 'upvotes', 'desc');
  }
  const ids = (await ordered.orderBy('id').limit(q.limit).offset(q.offset).execute()).map((r) => r.id);
  const rows = ids.length === 0 ? [] : await db.selectFrom('papers').selectAll().select(orgNameColumn).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, rowToPaper(r)]));
  return { total: Number(totalRow.n), papers: ids.flatMap((id) => byId.get(id) ?? []) };
}

/** The latest feed date on or before a date (or overall), if any paper has one. */
export async function latestFeedDate(db: Kysely<DB>, onOrBefore?: string): Promise<string | undefined> {
  let q = db.selectFrom('papers').select((eb) => eb.fn.max('feed_date').as('d')).where('hidden', '=', 0);
  if (onOrBefore) q = q.where('feed_date', '<=', onOrBefore);
  const row = await q.executeTakeFirst();
  return row?.d ?? undefined;
}

/** Number of papers in the store (hidden ones included). */
export async function countPapers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('papers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The searchable text of papers changed after a sequence number, oldest change first. */
export async function textChangesSince(
  db: Kysely<DB>,
  afterSeq: number,
  afterId: string,
  limit: number,
): Promise<{ id: string; title: string; abstract: string; authors: string; hidden: number; text_seq: number }[]> {
  return db
    .selectFrom('papers')
    .select(['id', 'title', 'abstract', 'authors', 'hidden', 'text_seq'])
    // A row-value comparison: both dialects read it as one range of the (text_seq, id) index.
    .where((eb) => eb(eb.refTuple('text_seq', 'id'), '>', eb.tuple(afterSeq, afterId)))
    .orderBy('text_seq')
    .orderBy('id')
    .limit(limit)
    .execute();
}
