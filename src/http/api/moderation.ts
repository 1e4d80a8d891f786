/**
 * Moderation in the JSON API: `POST /api/moderation/papers/:id/hide|unhide`,
 * `POST /api/moderation/comments/:id/hide|unhide` and `POST /api/moderation/users/:handle/ban|unban`,
 * each with an optional JSON `{reason}` kept in the audit log (a body that is not a JSON object is
 * a 400 `invalid_json`). Moderators and admins only.
 */
import { type Context, Hono } from 'hono';
import { moderateComment, moderatePaper, moderateUser } from '../../actions/moderation.ts';
import { requireModerator } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';

/**
 * The optional reason of a moderation call: an empty body has none; any other body must be a JSON
 * object (else a 400 `invalid_json`, as everywhere in the API, and nothing is done).
 */
async function reasonOf(c: Context): Promise<unknown> {
  if (!(await c.req.text()).trim()) return undefined;
  return (await jsonObject(c))['reason'];
}

/** API routes for moderators. */
export function moderationApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  // Two plain routes: a regex parameter after the greedy id does not match in the combined router.
  for (const op of ['hide', 'unhide'] as const) {
    api.post(`/moderation/papers/:id{.+}/${op}`, async (c) => {
      const actor = requireModerator(c);
      const hide = op === 'hide';
      const r = await moderatePaper(db, actor, { paperId: c.req.param('id'), hide, reason: await reasonOf(c) }, ctx.now());
      return c.json({ paperId: r.id, hidden: hide, changed: r.changed });
    });
  }

  api.post('/moderation/comments/:id/:op{hide|unhide}', async (c) => {
    const actor = requireModerator(c);
    const hide = c.req.param('op') === 'hide';
    const r = await moderateComment(db, actor, { commentId: c.req.param('id'), hide, reason: await reasonOf(c) }, ctx.now());
    return c.json({ commentId: r.id, paperId: r.paperId, hidden: hide, changed: r.changed });
  });

  api.post('/moderation/users/:handle/:op{ban|unban}', async (c) => {
    const actor = requireModerator(c);
    const ban = c.req.param('op') === 'ban';
    const r = await moderateUser(db, actor, { handle: c.req.param('handle'), ban, reason: await reasonOf(c) }, ctx.now());
    return c.json({ handle: r.handle, banned: ban, changed: r.changed });
  });

  return api;
}
