/**
 * Votes in the store: one row per (user, paper). The paper's upvote count and trending score
 * change in the same transaction as the row, through an atomic increment, so concurrent votes
 * never lose an update and the count never drifts from the rows.
 */
import { type Kysely, sql } from 'kysely';
import { trendingScore } from '../core/trending.ts';
import type { DB } from './schema.ts';

/**
 * Sets whether a user upvotes a paper; returns the paper's new count and whether anything
 * changed. Call inside a transaction.
 */
export async function setVote(db: Kysely<DB>, userId: string, paperId: string, up: boolean, now: Date): Promise<{ upvotes: number; changed: boolean }> {
  let changed: boolean;
  if (up) {
    const r = await db
      .insertInto('votes')
      .values({ user_id: userId, paper_id: paperId, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
      .executeTakeFirst();
    changed = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  } else {
    const r = await db.deleteFrom('votes').where('user_id', '=', userId).where('paper_id', '=', paperId).executeTakeFirst();
    changed = Number(r.numDeletedRows) === 1;
  }
  if (!changed) {
    const row = await db.selectFrom('papers').select('upvotes').where('id', '=', paperId).executeTakeFirstOrThrow();
    return { upvotes: row.upvotes, changed };
  }
  // The increment takes the row lock; the trending score is computed from what it returns,
  // still under that lock, so it matches the count. The paper counts as changed (`updated_at`),
  // so feeds showing it answer conditional GETs afresh.
  const row = await db
    .updateTable('papers')
    .set({ upvotes: sql`upvotes + ${up ? 1 : -1}`, updated_at: now.toISOString() })
    .where('id', '=', paperId)
    .returning(['upvotes', 'comments', 'feed_date'])
    .executeTakeFirstOrThrow();
  if (row.feed_date) {
    await db.updateTable('papers').set({ trending: trendingScore(row.upvotes, row.comments, row.feed_date) }).where('id', '=', paperId).execute();
  }
  return { upvotes: row.upvotes, changed };
}

/** Which of these papers a user has upvoted. */
export async function votedAmong(db: Kysely<DB>, userId: string, paperIds: string[]): Promise<Set<string>> {
  if (paperIds.length === 0) return new Set();
  const rows = await db.selectFrom('votes').select('paper_id').where('user_id', '=', userId).where('paper_id', 'in', paperIds).execute();
  return new Set(rows.map((r) => r.paper_id));
}

