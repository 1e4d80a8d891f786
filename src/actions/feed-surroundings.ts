/**
 * Where a feed window leads: the nearest day, week or month with papers before and after it (in a
 * category, with papers in it), which the feed's Previous / Next and an empty window's suggestions
 * both are, and the latest day in the window that holds papers (in the category, when given), where
 * the Daily tab should land.
 * Read-only.
 */
import type { Kysely } from 'kysely';
import { addDays } from '../core/digest-period.ts';
import { type FeedWindow, windowContaining } from '../core/feed-window.ts';
import { adjacentFilteredDate } from '../db/feed-queries.ts';
import type { DB } from '../db/schema.ts';

export interface FeedSurroundings {
  /** The latest date inside the window with papers, if any. */
  latestInWindow?: string;
}

/** The nearest feed date before (-1) or after (1) `date` with papers (in `category`, when given). */
export function nearestFeedDate(db: Kysely<DB>, date: string, dir: -1 | 1, category?: string): Promise<string | undefined> {
  return adjacentFilteredDate(db, category ? { category } : {}, date, dir);
}

/**
 * The nearest window of the same kind as `window` before (-1) or after (1) it that holds papers
 * (in `category`, when given): the one holding the nearest such date, so empty days, weeks and
 * months in between are skipped. Undefined when there is none that way.
 */
export async function nearestFeedWindow(db: Kysely<DB>, window: FeedWindow, dir: -1 | 1, category?: string): Promise<FeedWindow | undefined> {
  const date = await nearestFeedDate(db, dir < 0 ? window.from : window.to, dir, category);
  return date ? windowContaining(window.kind, date) : undefined;
}

/** Looks up the latest date with papers (in `category`, when given) inside a feed window. */
export async function feedSurroundings(db: Kysely<DB>, window: FeedWindow, category?: string): Promise<FeedSurroundings> {
  const latest = await nearestFeedDate(db, addDays(window.to, 1), -1, category);
  return latest && latest >= window.from ? { latestInWindow: latest } : {};
}
