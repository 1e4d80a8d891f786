/**
 * What a profile page shows about a user: the papers they submitted, the papers they upvoted
 * (when public) and their recent comments, each newest first.
 */
import type { Kysely } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { getPapers, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';
import { upvotedPaperIds } from './votes.ts';

export interface ProfileActivity {
  submitted: Paper[];
  upvoted: Paper[];
  comments: { id: string; paperId: string; paperTitle: string; body: string; createdAt: string }[];
}

/** A user's activity; `withUpvotes` when their upvotes are public or it is their own page. */
export async function profileActivity(db: Kysely<DB>, userId: string, opts: { withUpvotes: boolean; limit: number }): Promise<ProfileActivity> {
  const submittedRows = await db
    .selectFrom('papers')
    .selectAll()
    .where('submitted_by_user', '=', userId)
    .where('hidden', '=', 0)
    .orderBy('created_at', 'desc')
    .limit(opts.limit)
    .execute();
  const upvoted = opts.withUpvotes ? await getPapers(db, await upvotedPaperIds(db, userId, opts.limit)) : [];
  const comments = await db
    .selectFrom('comments')
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .select(['comments.id', 'comments.paper_id as paperId', 'papers.title as paperTitle', 'comments.body', 'comments.created_at as createdAt'])
    .where('comments.user_id', '=', userId)
    .where('comments.deleted_at', 'is', null)
    .where('comments.hidden', '=', 0)
    .where('papers.hidden', '=', 0)
    .orderBy('comments.created_at', 'desc')
    .limit(opts.limit)
    .execute();
  return { submitted: submittedRows.map(rowToPaper), upvoted, comments };
}

/** Makes a user's upvotes public or private. */
export async function setPublicUpvotes(db: Kysely<DB>, userId: string, value: boolean): Promise<void> {
  await db.updateTable('users').set({ public_upvotes: value ? 1 : 0 }).where('id', '=', userId).execute();
}
