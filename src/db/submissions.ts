/** Submissions in the store: who put which paper into the daily feed, and when. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { refreshTrending } from './papers.ts';
import type { DB } from './schema.ts';

/** Records a submission and marks the paper as submitted by the user (name and id). */
export async function recordSubmission(db: Kysely<DB>, s: { userId: string; userName: string; paperId: string; now: Date }): Promise<void> {
  await db.insertInto('submissions').values({ id: randomUUID(), user_id: s.userId, paper_id: s.paperId, created_at: s.now.toISOString() }).execute();
  await db.updateTable('papers').set({ submitted_by: s.userName, submitted_by_user: s.userId }).where('id', '=', s.paperId).execute();
}

/**
 * Puts a stored paper that is in no feed yet (harvested, never announced) into a day's feed, with
 * its trending score; false when it already has a feed day or is hidden. One conditional
 * statement, so two submissions at once cannot both succeed.
 */
export async function enterFeed(db: Kysely<DB>, paperId: string, feedDate: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('papers')
    .set({ feed_date: feedDate, updated_at: now.toISOString() })
    .where('id', '=', paperId)
    .where('feed_date', 'is', null)
    .where('hidden', '=', 0)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await refreshTrending(db, paperId);
  return true;
}

/** The handle of the account that submitted a paper from this site, while that account exists. */
export async function submitterHandle(db: Kysely<DB>, paperId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('papers')
    .innerJoin('users', 'users.id', 'papers.submitted_by_user')
    .select('users.handle')
    .where('papers.id', '=', paperId)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.handle;
}
