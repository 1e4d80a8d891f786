/**
 * Comment routes for browsers (POST and redirect, no JavaScript needed): post a comment or reply,
 * edit (form and save) and delete. Success goes back to the paper page at the comment (after a
 * delete, at the comment above it); a refusal (empty, too long, the edit window closed) comes
 * back in the form with the text kept and the reason beside it. Also the paper page extension that renders the discussion and, for
 * moderators, a "Hide paper" button (with an optional reason for the log) set apart as a
 * moderator's action.
 */
import { type Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import { buildThread, commentForEdit, deleteComment, EDIT_WINDOW_MINUTES, editComment, getThread, postComment, type ThreadNode } from '../../actions/comments.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { type CommentRow, findComment, listPaperComments } from '../../db/comments.ts';
import type { DB } from '../../db/schema.ts';
import type { User } from '../../db/users.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { CommentFormView, EditClosedView } from './comments-pages.tsx';
import { commentHref, CommentsSection } from './comments-section.tsx';
import { paperPath } from './format.ts';
import { form, orForm } from './forms.ts';
import { CsrfField } from './layout.tsx';
import { moderationRoutes } from './moderation-routes.tsx';
import type { PaperExtension } from './paper-extension.ts';
import { siteOf } from './site.ts';
import { isStaff } from '../../core/staff.ts';

/**
 * "You can edit … until 14:05 UTC": when the edit window of a comment posted at `createdAt`
 * closes (comments.js shows it in the reader's own time and zone, "until 15:05 GMT+1").
 */
function EditWindow(props: { createdAt: string }) {
  const until = new Date(Date.parse(props.createdAt) + EDIT_WINDOW_MINUTES * 60_000).toISOString();
  return (
    <>
      You can edit a comment for {EDIT_WINDOW_MINUTES} minutes after posting: this one until{' '}
      <time datetime={until} data-local-time="">
        {until.slice(11, 16)} UTC
      </time>
      .
    </>
  );
}

/**
 * Where to go once a comment is deleted: the nearest comment above it still in the thread (its
 * parent, unless that was deleted too and has nothing left under it), else the discussion.
 */
async function afterDelete(db: Kysely<DB>, row: CommentRow, user: User, now: Date): Promise<string> {
  const rows = await listPaperComments(db, row.paper_id);
  const shown = new Set<string>();
  const walk = (nodes: ThreadNode[]): void => {
    for (const n of nodes) {
      shown.add(n.id);
      walk(n.replies);
    }
  };
  walk(buildThread(rows, user, now));
  const parents = new Map(rows.map((r) => [r.id, r.parent_id]));
  const seen = new Set<string>();
  for (let id = row.parent_id; id && !seen.has(id); id = parents.get(id) ?? null) {
    if (shown.has(id)) return commentHref(row.paper_id, id);
    seen.add(id);
  }
  return `${paperPath(row.paper_id)}#discussion`;
}

/** Routes under /comments, and the moderation routes (/moderation). */
export function discussionRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.route('/', moderationRoutes(ctx));

  app.post('/comments', async (c) => {
    const user = requireUser(c);
    const f = await form(c);
    const paperId = f['paper_id'] ?? '';
    const parentId = f['parent_id'] ?? '';
    return orForm(
      c,
      async () => {
        const row = await postComment(db, { user, paperId, parentId, body: f['body'], ip: clientIp(c, ctx) }, ctx.now());
        return c.redirect(commentHref(row.paper_id, row.id), 303);
      },
      (error) =>
        c.html(
          <CommentFormView
            site={siteOf(c, ctx)}
            title={parentId ? 'Reply' : 'Add a comment'}
            action="/comments"
            backHref={`${paperPath(paperId)}#discussion`}
            hidden={{ paper_id: paperId, parent_id: parentId }}
            value={f['body'] ?? ''}
            error={error}
            submit={parentId ? 'Reply' : 'Comment'}
          />,
        ),
    );
  });

  const editView = (c: Context, row: { id: string; paper_id: string; created_at: string }, value: string, error?: string) =>
    c.html(
      <CommentFormView
        site={siteOf(c, ctx)}
        title="Edit your comment"
        action={`/comments/${row.id}/edit`}
        backHref={commentHref(row.paper_id, row.id)}
        value={value}
        note={<EditWindow createdAt={row.created_at} />}
        submit="Save"
        {...(error ? { error } : {})}
      />,
    );

  app.get('/comments/:id/edit', async (c) => {
    const user = requireUser(c);
    const id = c.req.param('id');
    try {
      const row = await commentForEdit(db, user, id, ctx.now());
      return editView(c, row, row.body);
    } catch (err) {
      // The author's own comment, past its window or hidden: say so, and lead back to it.
      if (!(err instanceof AppError) || (err.code !== 'edit_window_closed' && err.code !== 'comment_hidden')) throw err;
      const row = await findComment(db, id);
      if (!row) throw err;
      c.status(403);
      return c.html(<EditClosedView site={siteOf(c, ctx)} reason={err.message} backHref={commentHref(row.paper_id, row.id)} />);
    }
  });

  app.post('/comments/:id/edit', async (c) => {
    const user = requireUser(c);
    const f = await form(c);
    const id = c.req.param('id');
    return orForm(
      c,
      async () => {
        const row = await editComment(db, { user, commentId: id, body: f['body'] }, ctx.now());
        return c.redirect(commentHref(row.paper_id, row.id), 303);
      },
      async (error) => {
        const row = await findComment(db, id);
        if (!row) throw notFound('No such comment.');
        return editView(c, row, f['body'] ?? '', error);
      },
    );
  });

  app.post('/comments/:id/delete', async (c) => {
    const user = requireUser(c);
    const row = await deleteComment(db, { user, commentId: c.req.param('id') }, ctx.now());
    return c.redirect(await afterDelete(db, row, user, ctx.now()), 303);
  });

  return app;
}

/** The paper page's discussion, and a "Hide paper" button for moderators. */
export const discussionExtension: PaperExtension = async (c, ctx, paper, site) => {
  const user = c.get('user');
  const thread = await getThread(ctx.database.db, paper.id, user, ctx.now());
  const moderator = isStaff(user);
  return {
    section: (
      <CommentsSection
        site={site}
        paperId={paper.id}
        paperPath={paperPath(paper.id)}
        thread={thread}
        {...(paper.sourceComments > 0 && paper.arxivId ? { elsewhere: { count: paper.sourceComments, url: `https://huggingface.co/papers/${paper.arxivId}` } } : {})}
      />
    ),
    ...(moderator
      ? {
          // Set apart from the readers' actions (links, save, claim) and marked as a moderator's.
          actions: (
            <div class="mod-actions" role="group" aria-labelledby="mod-actions-label">
              <span class="mod-label" id="mod-actions-label">
                Moderator action
              </span>
              <form method="post" action="/moderation/paper/hide" class="inline moderation-action" data-confirm="Hide this paper from every feed, search and page? Moderators can show it again.">
                <CsrfField site={site} />
                <input type="hidden" name="id" value={paper.id} />
                <input type="text" name="reason" class="mod-reason" maxlength={500} placeholder="Reason (optional)" aria-label="Reason for hiding the paper (optional, kept in the log)" />{' '}
                <button type="submit" class="button mod-danger">
                  Hide paper
                </button>
              </form>
            </div>
          ),
        }
      : {}),
  };
};
