/**
 * Discussion on papers: post (and reply), edit within a window (unless a moderator hid it), delete
 * (soft), and read a paper's thread as the viewer may see it. Each change is one transaction that also keeps the paper's
 * comment count and trending score in step; a new comment also queues the mails that tell the
 * people it answers (reply-notices.ts). Pages and the API call these same functions.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../core/errors.ts';
import { repeatsSince } from '../core/repeats.ts';
import { type CommentRow, type CommentWithAuthor, findComment, findRepeatedComment, insertComment, listPaperComments, softDeleteComment, updateCommentBody } from '../db/comments.ts';
import { findPaper } from '../db/papers.ts';
import { lockPaper } from '../db/row-locks.ts';
import type { DB } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { parseInput } from './accounts.ts';
import { enforceLimit, LIMITS } from './rate-limit.ts';
import { queueReplyNotices } from './reply-notices.ts';
import { isStaff } from '../core/staff.ts';

/** Minutes after posting during which the author may edit a comment. */
export const EDIT_WINDOW_MINUTES = 15;
/** Deepest nesting shown; replies below it are listed at this depth. */
export const MAX_DEPTH = 6;
export const MAX_BODY = 10_000;

const bodySchema = z
  .string({ error: 'Write a comment first' })
  .trim()
  .min(1, 'Write a comment first')
  .max(MAX_BODY, `Keep comments under ${MAX_BODY.toLocaleString('en-US')} characters`);

/** One comment as a viewer sees it, with the replies under it. */
export interface ThreadNode {
  id: string;
  parentId: string | null;
  /** Absent when deleted, or hidden from this viewer. */
  author?: { handle: string; name: string };
  /** Markdown source; empty when deleted or hidden from this viewer. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Hidden by a moderator (only moderators and the author see the text, marked). */
  hidden: boolean;
  /** Whether the text is withheld from this viewer. */
  removed: boolean;
  depth: number;
  canEdit: boolean;
  canDelete: boolean;
  /** Set when a reply deeper than MAX_DEPTH was moved up: whom it answers. */
  replyTo?: string;
  replies: ThreadNode[];
}

function refuseBanned(user: User): void {
  if (user.banned) throw new AppError(403, 'banned', 'This account has been suspended.');
  if (!user.verified) throw new AppError(403, 'unverified', 'Confirm your address before taking part in discussions.');
}

/** Whether the author may still edit a comment posted at this time. */
export function withinEditWindow(createdAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) <= EDIT_WINDOW_MINUTES * 60_000;
}

/** Posts a comment (or a reply) on a paper; returns the stored row (the first one, for a repeat: see core/repeats.ts). */
export async function postComment(
  db: Kysely<DB>,
  input: { user: User; paperId: string; parentId?: unknown; body: unknown; ip: string },
  now: Date,
): Promise<CommentRow> {
  refuseBanned(input.user);
  await enforceLimit(db, LIMITS.commentPerIp, input.ip, now);
  await enforceLimit(db, LIMITS.commentPerUser, input.user.id, now);
  const body = parseInput(bodySchema, input.body);
  const paper = await findPaper(db, input.paperId);
  if (!paper) throw notFound(`No paper with id "${input.paperId}"`);
  let parent: CommentRow | undefined;
  if (input.parentId !== undefined && input.parentId !== null && input.parentId !== '') {
    parent = typeof input.parentId === 'string' ? await findComment(db, input.parentId) : undefined;
    if (!parent || parent.paper_id !== paper.id || parent.hidden === 1 || parent.deleted_at) throw notFound('The comment you are replying to does not exist.');
  }
  const comment = { paperId: paper.id, userId: input.user.id, parentId: parent?.id ?? null, body, now };
  return db.transaction().execute(async (trx) => {
    // The same comment posted again at once or a moment later (a double click) is the first one.
    await lockPaper(trx, paper.id);
    const repeated = await findRepeatedComment(trx, comment, repeatsSince(now));
    if (repeated) return repeated;
    const row = await insertComment(trx, comment);
    await queueReplyNotices(trx, row, parent?.user_id, now);
    return row;
  });
}

async function ownComment(db: Kysely<DB>, user: User, commentId: string, verb: string): Promise<CommentRow> {
  const c = await findComment(db, commentId);
  if (!c || c.deleted_at) throw notFound('No such comment.');
  if (c.user_id !== user.id) throw new AppError(403, 'forbidden', `You can only ${verb} your own comments.`);
  return c;
}

// A hidden comment keeps the text the moderator read: were it edited, unhiding would show text nobody reviewed.
const hiddenFromEdits = () => new AppError(403, 'comment_hidden', 'A moderator hid this comment, so it can no longer be edited.');

/** The user's own comment, if they may still edit it (for the edit form): within the window, and not hidden by a moderator. */
export async function commentForEdit(db: Kysely<DB>, user: User, commentId: string, now: Date): Promise<CommentRow> {
  refuseBanned(user);
  const c = await ownComment(db, user, commentId, 'edit');
  if (c.hidden === 1) throw hiddenFromEdits();
  if (!withinEditWindow(c.created_at, now)) throw new AppError(403, 'edit_window_closed', `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
  return c;
}

/** Replaces the text of the user's own comment within the edit window. */
export async function editComment(db: Kysely<DB>, input: { user: User; commentId: string; body: unknown }, now: Date): Promise<CommentRow> {
  const c = await commentForEdit(db, input.user, input.commentId, now);
  const body = parseInput(bodySchema, input.body);
  if (!(await updateCommentBody(db, c.id, body, now))) {
    // Hidden (or deleted) since it was read.
    if ((await findComment(db, c.id))?.hidden === 1) throw hiddenFromEdits();
    throw notFound('No such comment.');
  }
  return { ...c, body, edited_at: now.toISOString() };
}

/** Deletes the user's own comment: the text goes, the place in the thread stays. */
export async function deleteComment(db: Kysely<DB>, input: { user: User; commentId: string }, now: Date): Promise<CommentRow> {
  refuseBanned(input.user);
  const c = await ownComment(db, input.user, input.commentId, 'delete');
  await db.transaction().execute((trx) => softDeleteComment(trx, c, now));
  return c;
}

/** The paper's discussion as this viewer may see it: nested, depth-capped, removed leaves pruned. */
export async function getThread(db: Kysely<DB>, paperId: string, viewer: User | undefined, now: Date): Promise<ThreadNode[]> {
  return buildThread(await listPaperComments(db, paperId), viewer, now);
}

/** Builds the visible tree from rows (oldest first). Exported for tests. */
export function buildThread(rows: CommentWithAuthor[], viewer: User | undefined, now: Date): ThreadNode[] {
  const mod = isStaff(viewer);
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, CommentWithAuthor[]>();
  for (const r of rows) {
    const key = r.parent_id && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const toNode = (r: CommentWithAuthor, depth: number): ThreadNode => {
    const own = viewer?.id === r.user_id;
    const removed = r.deleted_at !== null || (r.hidden === 1 && !mod && !own);
    return {
      id: r.id,
      parentId: r.parent_id,
      ...(removed ? {} : { author: { handle: r.author_handle, name: r.author_name } }),
      body: removed ? '' : r.body,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      deleted: r.deleted_at !== null,
      hidden: r.hidden === 1,
      removed,
      depth,
      canEdit: own && !removed && r.hidden === 0 && !viewer?.banned && withinEditWindow(r.created_at, now),
      canDelete: own && r.deleted_at === null && !viewer?.banned,
      replies: [],
    };
  };
  const roots: ThreadNode[] = [];
  // Each node goes into a list; replies past MAX_DEPTH go into their parent's list instead.
  const attach = (r: CommentWithAuthor, depth: number, into: ThreadNode[], replyTo?: string): void => {
    const node = toNode(r, depth);
    if (replyTo) node.replyTo = replyTo;
    into.push(node);
    for (const child of children.get(r.id) ?? []) {
      if (depth + 1 < MAX_DEPTH) attach(child, depth + 1, node.replies);
      else attach(child, depth, into, node.author?.handle ?? '[deleted]');
    }
  };
  for (const r of children.get(null) ?? []) attach(r, 0, roots);
  return prune(roots);
}

/** Drops removed comments that have nothing visible under them. */
function prune(list: ThreadNode[]): ThreadNode[] {
  return list.flatMap((n) => {
    n.replies = prune(n.replies);
    return n.removed && n.replies.length === 0 ? [] : [n];
  });
}

/** Counts the comments in a tree. */
export function countNodes(list: ThreadNode[]): number {
  return list.reduce((n, c) => n + 1 + countNodes(c.replies), 0);
}
