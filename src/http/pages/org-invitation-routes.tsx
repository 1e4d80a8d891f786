/**
 * Routes for invitations to organizations, every one a CSRF-protected POST answered with a
 * redirect: inviting (from the organization's page, which comes back with the reason and what was
 * typed when the invitation is refused), accepting and declining (the invited user, from that page
 * or the settings), and withdrawing (those who may invite). Inviting, changing a member's role
 * and accepting leave a notice that names whom and what.
 */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { acceptOrgInvitation, declineOrgInvitation, type InviteResult, inviteOrgMember, withdrawOrgInvitation } from '../../actions/org-invitations.ts';
import { canManageMembers } from '../../actions/organizations.ts';
import { AppError } from '../../core/errors.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { returnPath } from '../return-path.ts';
import { setNotice } from './flash-notice.tsx';
import type { InviteForm } from './org-forms.tsx';

/** Routes under /orgs/:handle for invitations; `sendBack` renders the organization's page with the invite form refused. */
export function orgInvitationRoutes(ctx: AppContext, sendBack: (c: Context, handle: string, form: InviteForm) => Promise<Response>): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  const notify = { mail: ctx.mailLater, baseUrl: ctx.baseUrl, siteName: ctx.config.siteName };
  const orgPage = (handle: string) => `/orgs/${encodeURIComponent(handle.toLowerCase())}`;

  const invite = async (c: Context, handle: string) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    // `email` is the field's name in pages rendered before it took handles too.
    const member = body['member'] ?? body['email'];
    const role = body['role'];
    let done: InviteResult;
    try {
      done = await inviteOrgMember(db, user, handle, { member, role }, ctx.now(), notify);
    } catch (err) {
      // Refusals about the invitation itself come back beside the form; being refused the form (403,
      // no such organization) or a rate limit is still the error page. Not forms.ts's orForm on
      // purpose: the form lives on the organization's page, shown only to those who may invite.
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 429 || !(await canManageMembers(db, user, handle.toLowerCase()))) throw err;
      c.status(err.status as ContentfulStatusCode);
      return sendBack(c, handle, { member: typeof member === 'string' ? member : '', role: typeof role === 'string' ? role : 'member', error: err.message });
    }
    setNotice(c, ctx, done.done === 'invited' ? 'org-invited' : 'org-role-changed', { org: done.orgName, handle: done.user.handle, role: done.role });
    return c.redirect(orgPage(handle), 303);
  };
  app.post('/orgs/:handle/invitations', (c) => invite(c, c.req.param('handle')));
  // Where the form posted when it added members at once (pages rendered before invitations).
  app.post('/orgs/:handle/members', (c) => invite(c, c.req.param('handle')));

  app.post('/orgs/:handle/invitations/:id/accept', async (c) => {
    const user = requireUser(c);
    const joined = await acceptOrgInvitation(db, user, c.req.param('handle'), c.req.param('id'), ctx.now());
    setNotice(c, ctx, 'org-joined', { org: joined.orgName, role: joined.role });
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
