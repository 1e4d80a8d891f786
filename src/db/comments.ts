/**
 * Comments in the store: threaded rows per paper, soft-deleted and moderator-hidden in place so
 * threads keep their shape. The paper's comment count and trending score move in the same
 * transaction as the row whenever a comment starts or stops being visible.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { trendingScore } from '../core/trending.ts';
import type { CommentsTable, DB } from './schema.ts';

export type CommentRow = Selectable<CommentsTable>;

/** A comment row with its author's public handle and name. */
export type CommentWithAuthor = CommentRow & { author_handle: string; author_name: string };

/** Inserts a comment and counts it on the paper; call inside a transaction. */
export async function insertComment(db: Kysely<DB>, c: { paperId: string; userId: string; parentId: string | null; body: string; now: Date }): Promise<CommentRow> {
  const row: CommentRow = { id: randomUUID(), paper_id: c.paperId, user_id: c.userId, parent_id: c.parentId, body: c.body, created_at: c.now.toISOString(), edited_at: null, deleted_at: null, hidden: 0 };
  await db.insertInto('comments').values(row).execute();
  await adjustPaperComments(db, c.paperId, 1, c.now);
  return row;
}

/** The user's live comment with this text at this place in the paper's thread, posted since `since`. */
export async function findRepeatedComment(db: Kysely<DB>, c: { paperId: string; userId: string; parentId: string | null; body: string }, since: string): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('paper_id', '=', c.paperId)
    .where('user_id', '=', c.userId)
    .where('parent_id', c.parentId === null ? 'is' : '=', c.parentId)
    .where('body', '=', c.body)
    .where('created_at', '>=', since)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** One comment by id. */
export async function findComment(db: Kysely<DB>, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every comment of a paper (deleted and hidden included), oldest first, with authors. */
export async function listPaperComments(db: Kysely<DB>, paperId: string): Promise<CommentWithAuthor[]> {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .selectAll('comments')
    .select(['users.handle as author_handle', 'users.name as author_name'])
    .where('comments.paper_id', '=', paperId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** Replaces the body of a live comment; false when it was deleted meanwhile. */
export async function updateCommentBody(db: Kysely<DB>, id: string, body: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('comments').set({ body, edited_at: now.toISOString() }).where('id', '=', id).where('deleted_at', 'is', null).where('hidden', '=', 0).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Soft-deletes a comment (its text is dropped, the row keeps the thread together) and uncounts
 * it if it was visible; call inside a transaction. False when it was already deleted.
 */
export async function softDeleteComment(db: Kysely<DB>, c: CommentRow, now: Date): Promise<boolean> {
  const r = await db.updateTable('comments').set({ deleted_at: now.toISOString(), body: '' }).where('id', '=', c.id).where('deleted_at', 'is', null).executeTakeFirst();
  const changed = Number(r.numUpdatedRows) === 1;
  // Read hidden under the row lock the update took, so a concurrent hide cannot double-count.
  if (changed) {
    const after = await db.selectFrom('comments').select('hidden').where('id', '=', c.id).executeTakeFirstOrThrow();
    if (after.hidden === 0) await adjustPaperComments(db, c.paper_id, -1, now);
  }
  return changed;
}

/** Hides or shows a comment and moves the paper's count; call inside a transaction. False when nothing changed. */
export async function setCommentHidden(db: Kysely<DB>, c: CommentRow, hidden: boolean, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('comments')
    .set({ hidden: hidden ? 1 : 0 })
    .where('id', '=', c.id)
    .where('hidden', '=', hidden ? 0 : 1)
    .executeTakeFirst();
  const changed = Number(r.numUpdatedRows) === 1;
  if (changed) {
    const after = await db.selectFrom('comments').select('deleted_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    if (after.deleted_at === null) await adjustPaperComments(db, c.paper_id, hidden ? -1 : 1, now);
  }
  return changed;
}

/**
 * Moves a paper's comment count by delta and recomputes its trending score from what the
 * increment returns (under the row lock it took), exactly as votes do. The paper counts as
 * changed (`updated_at`), so feeds showing it answer conditional GETs afresh.
 */
export async function adjustPaperComments(db: Kysely<DB>, paperId: string, delta: number, now: Date): Promise<void> {
  const row = await db
    .updateTable('papers')
    .set({ comments: sql`case when comments + ${delta} < 0 then 0 else comments + ${delta} end`, updated_at: now.toISOString() })
    .where('id', '=', paperId)
    .returning(['upvotes', 'comments', 'feed_date'])
    .executeTakeFirst();
  if (row?.feed_date) {
    await db.updateTable('papers').set({ trending: trendingScore(row.upvotes, row.comments, row.feed_date) }).where('id', '=', paperId).execute();
  }
}

/** Comments moderators have hidden, newest first, with their authors and papers. */
export async function listHiddenComments(db: Kysely<DB>, limit: number): Promise<(CommentWithAuthor & { paper_title: string })[]> {
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .selectAll('comments')
    .select(['users.handle as author_handle', 'users.name as author_name', 'papers.title as paper_title'])
    .where('comments.hidden', '=', 1)
    .orderBy('comments.created_at', 'desc')
    .limit(limit)
    .execute();
}
