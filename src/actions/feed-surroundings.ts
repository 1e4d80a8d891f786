/**
 * What a feed page needs besides the papers themselves: the latest day in the window that holds
 * papers (where the Daily tab should land) and the nearest days with papers around the window
 * (where an empty window should point; in a category, the nearest with papers in it). Read-only.
 */
import type { Kysely } from 'kysely';
import type { FeedWindow } from '../core/feed-window.ts';
import { adjacentFilteredDate } from '../db/feed-queries.ts';
import { adjacentFeedDate, latestFeedDate } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';

export interface FeedSurroundings {
  /** The latest date inside the window with papers, if any. */
  latestInWindow?: string;
  /** The nearest dates with papers before and after the window. */
  before?: string;
  after?: string;
}

/** The nearest feed date before (-1) or after (1) `date` with papers (in `category`, when given). */
export function nearestFeedDate(db: Kysely<DB>, date: string, dir: -1 | 1, category?: string): Promise<string | undefined> {
  return category ? adjacentFilteredDate(db, { category }, date, dir) : adjacentFeedDate(db, date, dir);
}

/**
 * Looks up the dates around a feed window; with a category, the nearest dates around it are those
 * with papers in that category (an empty filtered day points to days that are not empty too).
 */
export async function feedSurroundings(db: Kysely<DB>, window: FeedWindow, category?: string): Promise<FeedSurroundings> {
  const [latest, before, after] = await Promise.all([latestFeedDate(db, window.to), nearestFeedDate(db, window.from, -1, category), nearestFeedDate(db, window.to, 1, category)]);
  return {
    ...(latest && latest >= window.from ? { latestInWindow: latest } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
  };
}
