/** Submissions in the store: who put which paper into the daily feed, and when. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Records a submission and marks the paper as submitted by the user (name and id). */
export async function recordSubmission(db: Kysely<DB>, s: { userId: string; userName: string; paperId: string; now: Date }): Promise<void> {
  await db.insertInto('submissions').values({ id: randomUUID(), user_id: s.userId, paper_id: s.paperId, created_at: s.now.toISOString() }).execute();
  await db.updateTable('papers').set({ submitted_by: s.userName, submitted_by_user: s.userId }).where('id', '=', s.paperId).execute();
}

/** A user's submissions, newest first. */
export async function listSubmissions(db: Kysely<DB>, userId: string, limit = 50): Promise<{ paperId: string; createdAt: string }[]> {
  const rows = await db.selectFrom('submissions').select(['paper_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ paperId: r.paper_id, createdAt: r.created_at }));
}
