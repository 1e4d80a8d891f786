/**
 * Routes for invitations to organizations, every one a CSRF-protected POST answered with a
 * redirect: inviting (from the organization's page), accepting and declining (the invited user,
 * from that page or the settings), and withdrawing (those who may invite).
 */
import { type Context, Hono } from 'hono';
import { acceptOrgInvitation, declineOrgInvitation, inviteOrgMember, withdrawOrgInvitation } from '../../actions/org-invitations.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { returnPath } from '../return-path.ts';

/** Routes under /orgs/:handle for invitations. */
export function orgInvitationRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  const orgPage = (handle: string) => `/orgs/${encodeURIComponent(handle.toLowerCase())}`;

  const invite = async (c: Context, handle: string) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    // `email` is the field's name in pages rendered before it took handles too.
    await inviteOrgMember(db, user, handle, { member: body['member'] ?? body['email'], role: body['role'] }, ctx.now());
    return c.redirect(orgPage(handle), 303);
  };
  app.post('/orgs/:handle/invitations', (c) => invite(c, c.req.param('handle')));
  // Where the form posted when it added members at once (pages rendered before invitations).
  app.post('/orgs/:handle/members', (c) => invite(c, c.req.param('handle')));

  app.post('/orgs/:handle/invitations/:id/accept', async (c) => {
    const user = requireUser(c);
    await acceptOrgInvitation(db, user, c.req.param('handle'), c.req.param('id'), ctx.now());
    return c.redirect(await returnPath(c), 303);
  });
  app.post('/orgs/:handle/invitations/:id/decline', async (c) => {
    const user = requireUser(c);
    await declineOrgInvitation(db, user, c.req.param('handle'), c.req.param('id'), ctx.now());
    return c.redirect(await returnPath(c), 303);
  });
  app.post('/orgs/:handle/invitations/:id/withdraw', async (c) => {
    const user = requireUser(c);
    await withdrawOrgInvitation(db, user, c.req.param('handle'), c.req.param('id'), ctx.now());
    return c.redirect(orgPage(c.req.param('handle')), 303);
  });
  return app;
}
