/**
 * Authorship claims in the JSON API, for moderators and admins: `POST /api/claims/:id/approve|reject`
 * decides a pending claim and `POST /api/claims/:id/revoke` takes back an approved one; each
 * answers `{claim:{id, paperId, authorName, status}}` and goes into the audit log, as on `/claims`.
 */
import { Hono } from 'hono';
import { decideAuthorship, revokeAuthorship } from '../../actions/claims.ts';
import { requireModerator } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** API routes for deciding on claims. */
export function claimsApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  api.post('/claims/:id/:op{approve|reject|revoke}', async (c) => {
    const moderator = requireModerator(c);
    const op = c.req.param('op');
    const id = c.req.param('id');
    const claim = op === 'revoke' ? await revokeAuthorship(db, moderator, id, ctx.now()) : await decideAuthorship(db, moderator, id, op, ctx.now(), { mail: ctx.mailLater, baseUrl: ctx.baseUrl, siteName: ctx.config.siteName });
    return c.json({ claim: { id: claim.id, paperId: claim.paperId, authorName: claim.authorName, status: claim.status } });
  });
  return api;
}
