/**
 * Comments in the JSON API: `GET /api/papers/:id/comments` (the thread as the caller may see it;
 * a paper a moderator hid has one for moderators and administrators only),
 * `POST /api/papers/:id/comments {body, parentId?}`, `PATCH /api/comments/:id {body}` and
 * `DELETE /api/comments/:id`. Writes need an API token or a session with X-CSRF-Token. Mounted
 * before the papers module, whose `/papers/:id{.+}` would otherwise take these paths.
 */
import { Hono } from 'hono';
import { deleteComment, editComment, getThread, postComment, type ThreadNode } from '../../actions/comments.ts';
import { paperForViewer } from '../../actions/search-papers.ts';
import { notFound } from '../../core/errors.ts';
import type { CommentRow } from '../../db/comments.ts';
import type { User } from '../../db/users.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { renderCommentHtml } from '../pages/comments-markdown.ts';
import { jsonObject } from './body.ts';

/** A thread node as the API shows it. */
export interface ApiComment {
  id: string;
  parentId: string | null;
  author: { handle: string; name: string } | null;
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  depth: number;
  replyTo: string | null;
  canEdit: boolean;
  canDelete: boolean;
  replies: ApiComment[];
}

function toApi(n: ThreadNode): ApiComment {
  return {
    id: n.id,
    parentId: n.parentId,
    author: n.author ?? null,
    body: n.body,
    html: n.removed ? '' : renderCommentHtml(n.body),
    createdAt: n.createdAt,
    editedAt: n.editedAt,
    deleted: n.deleted,
    hidden: n.hidden,
    depth: n.depth,
    replyTo: n.replyTo ?? null,
    canEdit: n.canEdit,
    canDelete: n.canDelete,
    replies: n.replies.map(toApi),
  };
}

/** The node of a comment in a thread, wherever it sits. */
function findNode(list: ThreadNode[], id: string): ThreadNode | undefined {
  for (const n of list) {
    const found = n.id === id ? n : findNode(n.replies, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The answer to a write: the comment as the thread (`GET .../comments`) shows it to its author,
 * plus its paper's id; the stored row's fields if the thread does not hold it.
 */
async function writtenToApi(db: AppContext['database']['db'], r: CommentRow, user: User, now: Date) {
  const node = findNode(await getThread(db, r.paper_id, user, now), r.id);
  const row = { id: r.id, paperId: r.paper_id, parentId: r.parent_id, body: r.body, html: renderCommentHtml(r.body), createdAt: r.created_at, editedAt: r.edited_at };
  return node ? { ...toApi(node), paperId: r.paper_id } : row;
}

/** API routes for comments. */
export function commentsApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/papers/:id{.+}/comments', async (c) => {
    const user = c.get('user');
    // Staff still read the discussion of a paper a moderator hid; to others it does not exist.
    const found = await paperForViewer(db, user, c.req.param('id'));
    if (!found) throw notFound(`No paper with id "${c.req.param('id')}"`);
    const thread = await getThread(db, found.paper.id, user, ctx.now());
    if (found.hidden) c.header('Cache-Control', 'private, no-store');
    return c.json({ paperId: found.paper.id, ...(found.hidden ? { hidden: true } : {}), comments: thread.map(toApi) });
  });

  api.post('/papers/:id{.+}/comments', async (c) => {
    const user = requireUser(c);
    const input = await jsonObject(c);
    const row = await postComment(db, { user, paperId: c.req.param('id'), parentId: input['parentId'], body: input['body'], ip: clientIp(c, ctx) }, ctx.now());
    return c.json(await writtenToApi(db, row, user, ctx.now()), 201);
  });

  api.patch('/comments/:id', async (c) => {
    const user = requireUser(c);
    const input = await jsonObject(c);
    const row = await editComment(db, { user, commentId: c.req.param('id'), body: input['body'] }, ctx.now());
    return c.json(await writtenToApi(db, row, user, ctx.now()));
  });

  api.delete('/comments/:id', async (c) => {
    const row = await deleteComment(db, { user: requireUser(c), commentId: c.req.param('id') }, ctx.now());
    return c.json({ id: row.id, deleted: true });
  });

  return api;
}
