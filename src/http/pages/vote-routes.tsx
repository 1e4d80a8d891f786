/**
 * The vote form's endpoint: POST /papers/:id/vote with `vote=1|0`. A plain form post returns to
 * the page it came from (its `_back` field); vote.js asks for JSON and updates the button in place.
 */
import { Hono } from 'hono';
import { vote } from '../../actions/votes.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { returnPath } from '../return-path.ts';

/** Page routes for voting. */
export function voteRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post('/papers/:id{.+}/vote', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    const result = await vote(ctx.database.db, user, c.req.param('id'), body['vote'] !== '0', ctx.now());
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(result);
    return c.redirect(`${(await returnPath(c)).replace(/#.*$/, '')}#paper-${encodeURIComponent(result.paperId)}`, 303);
  });
  return app;
}
