/**
 * Comment routes for browsers (POST and redirect, no JavaScript needed): post a comment or reply,
 * edit (form and save) and delete. Success goes back to the paper page at the comment; input
 * the author can fix (empty, too long) comes back in a form with the text kept. Also the paper
 * page extension that renders the discussion and, for moderators, a "Hide paper" button.
 */
import { type Context, Hono } from 'hono';
import { commentForEdit, deleteComment, editComment, getThread, postComment } from '../../actions/comments.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { findComment } from '../../db/comments.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { CommentFormView } from './comments-pages.tsx';
import { commentHref, CommentsSection } from './comments-section.tsx';
import { paperPath } from './format.ts';
import { CsrfField } from './layout.tsx';
import { moderationRoutes } from './moderation-routes.tsx';
import type { PaperExtension } from './paper-extensions.tsx';
import { siteOf } from './site.ts';

async function fields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** Runs a form action; a 400 the author can fix shows the form again, other errors propagate. */
async function orForm(c: Context, run: () => Promise<Response>, render: (error: string) => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.status === 400) {
      c.status(400);
      return render(err.message);
    }
    throw err;
  }
}

/** Routes under /comments, and the moderation routes (/moderation). */
export function discussionRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.route('/', moderationRoutes(ctx));

  app.post('/comments', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
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

  const editView = (c: Context, row: { id: string; paper_id: string }, value: string, error?: string) =>
    c.html(
      <CommentFormView
        site={siteOf(c, ctx)}
        title="Edit your comment"
        action={`/comments/${row.id}/edit`}
        backHref={commentHref(row.paper_id, row.id)}
        value={value}
        submit="Save"
        {...(error ? { error } : {})}
      />,
    );

  app.get('/comments/:id/edit', async (c) => {
    const row = await commentForEdit(db, requireUser(c), c.req.param('id'), ctx.now());
    return editView(c, row, row.body);
  });

  app.post('/comments/:id/edit', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
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
    const row = await deleteComment(db, { user: requireUser(c), commentId: c.req.param('id') }, ctx.now());
    return c.redirect(commentHref(row.paper_id, row.id), 303);
  });

  return app;
}

/** The paper page's discussion, and a "Hide paper" button for moderators. */
export const discussionExtension: PaperExtension = async (c, ctx, paper, site) => {
  const user = c.get('user');
  const thread = await getThread(ctx.database.db, paper.id, user, ctx.now());
  const moderator = user?.role === 'moderator' || user?.role === 'admin';
  return {
    section: <CommentsSection site={site} paperId={paper.id} paperPath={paperPath(paper.id)} thread={thread} />,
    ...(moderator
      ? {
          actions: (
            <form method="post" action="/moderation/paper/hide" class="inline moderation-action" data-confirm="Hide this paper from every feed, search and page? Moderators can show it again.">
              <CsrfField site={site} />
              <input type="hidden" name="id" value={paper.id} />
              <button type="submit" class="button">
                Hide paper
              </button>
            </form>
          ),
        }
      : {}),
  };
};
