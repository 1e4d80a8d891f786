/**
 * Reading the daily feed: the papers of a day, ISO week or month, sorted by upvotes or trending,
 * one page at a time, with the neighbouring windows for navigation. Pages and API both call this.
 */
import type { Kysely } from 'kysely';
import { canonicalArxivCategory, unknownCategoryMessage } from '../core/arxiv-taxonomy.ts';
import { badRequest } from '../core/errors.ts';
import { type FeedWindow, isoDate, parseWindow, type WindowKind, windowContaining } from '../core/feed-window.ts';
import type { Paper } from '../core/paper.ts';
import { wholeNumber } from '../core/whole-number.ts';
import { categoryCounts, countWithoutCategories } from '../db/paper-categories.ts';
import { nearestFeedWindow } from './feed-surroundings.ts';
import { type FeedSort, latestFeedDate, listFeed } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';

export interface FeedRequest {
  kind: WindowKind;
  /** Window key (2025-01-10, 2025-W02, 2025-01); absent means the latest window with papers. */
  key?: string;
  sort: FeedSort;
  /** Page number, from 1. */
  page: number;
  limit: number;
  category?: string;
}

export interface FeedPage {
  window: FeedWindow;
  sort: FeedSort;
  page: number;
  limit: number;
  total: number;
  papers: Paper[];
  /**
   * Under a category filter: the window's papers listed in no category (known only from Hugging
   * Face until arXiv's record is merged), which the filter cannot keep.
   */
  uncategorized?: number;
  /**
   * The nearest windows of the same kind before and after this one that hold papers (in the
   * category, under a filter), skipping empty days, weeks or months; absent when there is none.
   */
  prev?: FeedWindow;
  next?: FeedWindow;
}

export const MAX_LIMIT = 100;

/**
 * Validates raw query-string values into a FeedRequest; throws a 400 AppError on bad input.
 * `firstPage` is the number `p` gives the first page (pages count from 1, the API's from 0 as
 * Hugging Face's do); the request's page counts from 1 either way. `sorts` are the orders taken.
 */
export function parseFeedRequest(
  raw: { date?: string; week?: string; month?: string; sort?: string; p?: string; limit?: string; cat?: string },
  defaults: { limit: number; firstPage?: 0 | 1; sorts?: readonly FeedSort[] },
): FeedRequest {
  const given = (['date', 'week', 'month'] as const).filter((k) => raw[k]);
  if (given.length > 1) throw badRequest('conflicting_window', 'Give only one of date, week or month');
  const kind: WindowKind = raw.week ? 'week' : raw.month ? 'month' : 'day';
  const sorts: readonly string[] = defaults.sorts ?? ['upvotes', 'trending'];
  // An empty value is one not given (a form's blank field), as for p, cat and a search's paging.
  const sort = raw.sort || 'upvotes';
  if (!sorts.includes(sort)) throw badRequest('invalid_sort', `sort must be ${sorts.map((s) => `"${s}"`).join(' or ')}`);
  const firstPage = defaults.firstPage ?? 1;
  const page = parsePageNumber(raw.p, 10_000, firstPage) - firstPage + 1;
  const limit = wholeNumber(raw.limit, defaults.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest('invalid_limit', `limit must be between 1 and ${MAX_LIMIT}`);
  const cat = parseCategory(raw.cat);
  return { kind, key: raw.date ?? raw.week ?? raw.month, sort: sort as FeedSort, page, limit, ...(cat ? { category: cat } : {}) };
}

/** A page number given as `p` (`first` when absent); throws a 400 for anything but `first` to `max`. */
export function parsePageNumber(raw: string | undefined, max = 10_000, first: 0 | 1 = 1): number {
  const page = wholeNumber(raw, first);
  if (!Number.isInteger(page) || page < first || page > max) {
    // The highest page is said too: "p=99999" is refused for being past it, not for being below `first`.
    const upTo = max < Number.MAX_SAFE_INTEGER ? ` to ${max.toLocaleString('en-US')}` : '';
    throw badRequest('invalid_page', `p must be a page number from ${first}${upTo}`);
  }
  return page;
}

/**
 * Validates an optional arXiv category filter (`cs.LG`, `hep-th`, or an archive such as `cs` for
 * all of cs.*), in any case, into arXiv's spelling; throws a 400 for anything else, naming the
 * closest category, since a filter arXiv does not have would only ever show nothing.
 */
export function parseCategory(raw: string | undefined): string | undefined {
  const cat = raw?.trim();
  if (!cat) return undefined;
  if (!/^[a-zA-Z-]+(\.[a-zA-Z-]+)?$/.test(cat)) throw badRequest('invalid_category', `"${cat}" is not an arXiv category like cs.LG`);
  const known = canonicalArxivCategory(cat);
  if (!known) throw badRequest('unknown_category', unknownCategoryMessage(cat));
  return known;
}

/** The day, week or month holding the latest feed day up to today (today's when none has papers). */
export async function latestWindow(db: Kysely<DB>, kind: WindowKind, today: Date): Promise<FeedWindow> {
  const latest = (await latestFeedDate(db, isoDate(today.getTime()))) ?? isoDate(today.getTime());
  return windowContaining(kind, latest);
}

/** One page of a feed window. Without a key: today's window, or the latest one holding papers. */
export async function getFeed(db: Kysely<DB>, req: FeedRequest, today: Date): Promise<FeedPage> {
  const window = req.key ? parseWindow(req.kind, req.key) : await latestWindow(db, req.kind, today);
  const { total, papers } = await listFeed(db, {
    from: window.from,
    to: window.to,
    sort: req.sort,
    limit: req.limit,
    offset: (req.page - 1) * req.limit,
    ...(req.category ? { category: req.category } : {}),
  });
  // In a category, the previous and next windows are the nearest with papers in it (a sparse
  // category's reader is not walked through its empty weeks).
  const [prev, next, uncategorized] = await Promise.all([
    nearestFeedWindow(db, window, -1, req.category),
    nearestFeedWindow(db, window, 1, req.category),
    req.category ? countWithoutCategories(db, window.from, window.to) : undefined,
  ]);
  return { window, sort: req.sort, page: req.page, limit: req.limit, total, papers, ...(uncategorized !== undefined ? { uncategorized } : {}), ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
}

/** How many categories the feeds' picker offers, and how long their list is reused. */
const PICKER_CATEGORIES = 60;
const PICKER_TTL_MS = 10 * 60_000;
const pickerCache = new WeakMap<Kysely<DB>, { at: number; list: Promise<string[]> }>();

/**
 * The categories a feed's picker offers: the ones papers here are listed in most, in alphabetical
 * order. Read at most every ten minutes per store: a count over every paper's categories is not
 * something each page view should pay for.
 */
export function pickerCategories(db: Kysely<DB>, now: Date): Promise<string[]> {
  const hit = pickerCache.get(db);
  if (hit && now.getTime() - hit.at < PICKER_TTL_MS) return hit.list;
  const list = categoryCounts(db, PICKER_CATEGORIES).then((rows) => rows.map((r) => r.category).sort());
  pickerCache.set(db, { at: now.getTime(), list });
  list.catch(() => pickerCache.delete(db));
  return list;
}
