/**
 * Searching papers and finding related ones: the search index ranks, the store supplies the
 * papers. Pages, API and CLI all call these.
 */
import type { Kysely } from 'kysely';
import { badRequest } from '../core/errors.ts';
import { normalizeArxivId, type Paper } from '../core/paper.ts';
import { findHiddenPaper, findPaper, getPapers } from '../db/papers.ts';
import { papersInCategory } from '../db/paper-categories.ts';
import type { DB } from '../db/schema.ts';
import type { PaperSearch, SearchPage } from '../search/index.ts';
import { isStaff } from '../core/staff.ts';
import { wholeNumber } from '../core/whole-number.ts';

export type ScoredPaper = Paper & { score: number };

/** A page of search results. */
export interface SearchResult {
  /** Results that can be paged through. */
  total: number;
  /** Sorted newest first: how many papers matched, of which the results are the best. */
  matched?: number;
  papers: ScoredPaper[];
  /** No paper has the query's words: these are the papers closest in meaning. */
  byMeaning?: boolean;
  /** The query named one paper outright (its arXiv id or address): it is the only result. */
  exact?: boolean;
  /** Nothing matched and the query names this arXiv id, which no paper here has (yet). */
  missingArxivId?: string;
  /** The query with its misspelled words corrected ("did you mean"); the results are for the query as typed. */
  suggestion?: string;
  /**
   * No paper has the query's words as typed, but papers have them corrected: the results are for
   * this correction ("showing results for"), and there is no suggestion.
   */
  corrected?: string;
}

/**
 * The arXiv id a query names outright: an id (`2501.05441`, `arXiv:2501.05441v2`) or the address
 * of its page on arXiv, Hugging Face or here. People paste those into a search box.
 */
function arxivIdNamedBy(query: string): string | undefined {
  const text = query
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?(?:(?:export\.)?arxiv\.org\/(?:abs|pdf)|huggingface\.co\/papers|[^/\s]+\/papers)\//i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '')
    .replace(/\.pdf$/i, '');
  return normalizeArxivId(text);
}

/** Longest query we look at; the rest of a longer one is ignored rather than refused. */
export const MAX_QUERY_CHARS = 1000;

/** The largest offset a search may ask for. */
export const MAX_OFFSET = 10_000;

/** Validates search paging parameters from a query string. */
export function parsePaging(raw: { limit?: string; offset?: string }, defaults: { limit: number }): { limit: number; offset: number } {
  const limit = wholeNumber(raw.limit, defaults.limit);
  const offset = wholeNumber(raw.offset, 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('invalid_limit', 'limit must be between 1 and 100');
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw badRequest('invalid_offset', `offset must be between 0 and ${MAX_OFFSET}`);
  return { limit, offset };
}

/** With a category filter, results are drawn from this many best matches. */
export const FILTER_CANDIDATES = 1000;
/**
 * Sorted newest first, results are at most this many best matches, each scoring at least
 * NEWEST_MIN_SHARE of the best (as a digest's topic does): a plain date order of every paper
 * sharing a word with the query would bury the topic.
 */
export const NEWEST_CANDIDATES = 100;
export const NEWEST_MIN_SHARE = 0.5;

/** How search results are ordered: best match first, or the best matches newest first. */
export type SearchSort = 'relevance' | 'newest';

/** Validates a search sort parameter (absent: relevance). */
export function parseSearchSort(raw: string | undefined): SearchSort {
  if (raw === undefined || raw === '' || raw === 'relevance') return 'relevance';
  if (raw === 'newest') return 'newest';
  throw badRequest('invalid_sort', 'sort must be relevance or newest');
}

/** Validates the `verbatim` parameter: `1` (or `true`) searches the words exactly as typed. */
export function parseVerbatim(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw badRequest('invalid_verbatim', 'verbatim must be 1 or 0');
}

/** What a search asks for. */
export interface SearchRequest {
  query: string;
  limit: number;
  offset: number;
  category?: string;
  sort?: SearchSort;
  /** The words exactly as typed, even when nothing matches them: no correction replaces the results (one is still offered). */
  verbatim?: boolean;
}

/**
 * One page of search results, best first; `category` keeps papers listed in that arXiv category
 * (or, for an archive such as `cs`, in any of its); `sort: 'newest'` orders the best
 * NEWEST_CANDIDATES matches by feed date, newest first. When nothing matches the query as typed
 * but its correction has matches, the results are the correction's, unless `verbatim`.
 */
export async function searchPapers(db: Kysely<DB>, search: PaperSearch, q: SearchRequest): Promise<SearchResult> {
  const result = await rankedPapers(db, search, q);
  const suggestion = result.exact || result.missingArxivId ? undefined : search.suggest(q.query.slice(0, MAX_QUERY_CHARS));
  if (!suggestion) return result;
  // Nothing found as typed (or only papers close in meaning): the correction's matches, if it has any.
  if (!q.verbatim && (result.total === 0 || result.byMeaning)) {
    const fixed = await rankedPapers(db, search, { ...q, query: suggestion });
    if (fixed.total > 0 && !fixed.byMeaning && !fixed.exact) return { ...fixed, corrected: suggestion };
  }
  return { ...result, suggestion };
}

async function rankedPapers(db: Kysely<DB>, search: PaperSearch, q: SearchRequest): Promise<SearchResult> {
  const query = q.query.slice(0, MAX_QUERY_CHARS);
  if (!query.trim()) return { total: 0, papers: [] };
  const id = arxivIdNamedBy(query);
  const named = id ? await findPaper(db, id) : undefined;
  // A paper named outright is the answer, whatever the category filter or sort.
  if (named) return { total: 1, papers: q.offset === 0 ? [{ ...named, score: 1 }] : [], exact: true };
  const result = q.sort === 'newest' ? await newestFirst(db, search, { ...q, query }) : await bestFirst(db, search, { ...q, query });
  // An id no paper here has (a hidden one is not offered again): the search page offers it on arXiv and to submit.
  if (id && result.total === 0 && !(await findHiddenPaper(db, id))) return { ...result, missingArxivId: id };
  return result;
}

// The best matches, best first.
async function bestFirst(db: Kysely<DB>, search: PaperSearch, q: { query: string; limit: number; offset: number; category?: string }): Promise<SearchResult> {
  const query = q.query;
  const page = q.category
    ? await filteredPage(db, search, query, q.category, q.limit, q.offset)
    : await search.search(query, { limit: q.limit, offset: q.offset });
  const papers = await getPapers(
    db,
    page.hits.map((h) => h.id),
  );
  const score = new Map(page.hits.map((h) => [h.id, h.score]));
  return { total: page.total, papers: papers.map((p) => ({ ...p, score: score.get(p.id) ?? 0 })), ...(page.byMeaning ? { byMeaning: true } : {}) };
}

// The best matches by date, newest first (ties by score), then the page.
async function newestFirst(
  db: Kysely<DB>,
  search: PaperSearch,
  q: { query: string; limit: number; offset: number; category?: string },
): Promise<SearchResult> {
  const best = await rankedPapers(db, search, { ...q, limit: NEWEST_CANDIDATES, offset: 0, sort: 'relevance' });
  const floor = Math.max(0, ...best.papers.map((p) => p.score)) * NEWEST_MIN_SHARE;
  const papers = best.papers.filter((p) => p.score >= floor).sort((a, b) => (b.feedDate ?? '').localeCompare(a.feedDate ?? '') || b.score - a.score);
  return {
    total: papers.length,
    matched: best.total,
    papers: papers.slice(q.offset, q.offset + q.limit),
    ...(best.byMeaning ? { byMeaning: true } : {}),
  };
}

/** A page of the best matches that are listed in a category (among the top FILTER_CANDIDATES). */
async function filteredPage(db: Kysely<DB>, search: PaperSearch, query: string, category: string, limit: number, offset: number): Promise<SearchPage> {
  const candidates = await search.search(query, { limit: FILTER_CANDIDATES, offset: 0 });
  const listed = await papersInCategory(
    db,
    category,
    candidates.hits.map((h) => h.id),
  );
  const hits = candidates.hits.filter((h) => listed.has(h.id));
  return { total: hits.length, hits: hits.slice(offset, offset + limit), ...(candidates.byMeaning ? { byMeaning: true } : {}) };
}

/** Who reads a paper: the staff (moderators, administrators) also read papers a moderator hid. */
export type PaperViewer = { role: string; banned?: boolean } | undefined;

/**
 * A paper as `viewer` may read it: a visible one, or one a moderator hid (`hidden: true`) for a
 * moderator or administrator reviewing it (their audit log links it); undefined for anyone else,
 * to whom a hidden paper does not exist.
 */
export async function paperForViewer(db: Kysely<DB>, viewer: PaperViewer, id: string): Promise<{ paper: Paper; hidden: boolean } | undefined> {
  const paper = await findPaper(db, id);
  if (paper) return { paper, hidden: false };
  const hidden = isStaff(viewer) ? await findHiddenPaper(db, id) : undefined;
  return hidden ? { paper: hidden, hidden: true } : undefined;
}

/**
 * A paper as `viewer` may read it (paperForViewer) with its most similar papers (none for a
 * hidden one), or undefined when there is no such paper for them.
 */
export async function getPaperWithRelated(
  db: Kysely<DB>,
  search: PaperSearch,
  viewer: PaperViewer,
  id: string,
  relatedCount = 5,
): Promise<{ paper: Paper; related: Paper[]; hidden: boolean } | undefined> {
  const found = await paperForViewer(db, viewer, id);
  if (!found || found.hidden) return found && { ...found, related: [] };
  const hits = await search.related(found.paper.id, relatedCount);
  return { ...found, related: await getPapers(db, hits.map((h) => h.id)) };
}
