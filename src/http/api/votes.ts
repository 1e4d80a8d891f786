/**
 * Votes in the JSON API: `POST /api/papers/:id/vote` upvotes, `DELETE` removes the vote; both are
 * idempotent and answer `{paperId, upvotes, voted}`. Needs a session (with X-CSRF-Token) or an
 * API token.
 */
import { Hono } from 'hono';
import { vote } from '../../actions/votes.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** API routes for votes. */
export function votesApi(ctx: AppContext): Hono {
  const api = new Hono();
  api.post('/papers/:id{.+}/vote', async (c) => c.json(await vote(ctx.database.db, requireUser(c), c.req.param('id'), true, ctx.now())));
  api.delete('/papers/:id{.+}/vote', async (c) => c.json(await vote(ctx.database.db, requireUser(c), c.req.param('id'), false, ctx.now())));
  return api;
}
