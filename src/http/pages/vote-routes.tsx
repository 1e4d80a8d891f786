/**
 * The vote form's endpoint: POST /papers/:id/vote with `vote=1|0`. A plain form post returns to
 * the page it came from (its `_back` field); vote.js asks for JSON and updates the button in place.
 * A signed-out visitor is sent to sign in, and an upvote they asked for goes along with them, to
 * be cast by the sign-in itself (pending-vote.ts).
 */
import { Hono } from 'hono';
import { vote } from '../../actions/votes.ts';
import type { AppContext } from '../context.ts';
import { returnPath } from '../return-path.ts';
import { signInPath } from './pending-vote.ts';

/** Page routes for voting. */
export function voteRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.post('/papers/:id{.+}/vote', async (c) => {
    const user = c.get('user');
    const body = await c.req.parseBody();
    const up = body['vote'] !== '0';
    // Taking a vote back needs no sign-in of its own: a signed-out "remove" (a stale page) just signs in.
    if (!user) return c.redirect(signInPath(await returnPath(c), up ? c.req.param('id') : undefined), 303);
    const result = await vote(ctx.database.db, user, c.req.param('id'), up, ctx.now());
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(result);
    return c.redirect(`${(await returnPath(c)).replace(/#.*$/, '')}#paper-${encodeURIComponent(result.paperId)}`, 303);
  });
  return app;
}
