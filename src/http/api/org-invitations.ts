/**
 * Invitations to organizations in the JSON API (an API token, or a session plus X-CSRF-Token),
 * through the same actions as the pages: `GET /api/account/invitations` (the caller's),
 * `GET|POST /api/orgs/:handle/invitations` (those who may invite: the organization's admins and
 * site admins; `{handle}` or, for site admins, `{email}`, and `role`), and
 * `POST /api/orgs/:handle/invitations/:id/accept|decline|withdraw`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../../actions/accounts.ts';
import * as actions from '../../actions/org-invitations.ts';
import type { PendingInvitation } from '../../actions/org-invitations.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';

/** A pending invitation as the API shows it. */
function toApiInvitation(i: PendingInvitation) {
  return { id: i.id, org: { handle: i.orgHandle, name: i.orgName }, user: { handle: i.user.handle, name: i.user.name }, role: i.role, invitedBy: i.invitedBy?.handle ?? null, createdAt: i.createdAt };
}

/** Whom to invite: exactly one of `handle` and `email` (the action decides who may use an address). */
const inviteBody = z
  .object({ handle: z.string({ error: '"handle" must be a string.' }).max(254).optional(), email: z.email({ error: 'Enter a valid email address.' }).max(254).optional(), role: z.unknown().optional() })
  .refine((b) => (b.handle === undefined) !== (b.email === undefined), { message: 'Name the account to invite with "handle" or "email" (one of them).' });

/** API routes for invitations to organizations. */
export function orgInvitationsApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/account/invitations', async (c) => {
    const list = await actions.invitationsOf(db, requireUser(c));
    c.header('Cache-Control', 'no-store');
    return c.json(list.map(toApiInvitation));
  });

  api.get('/orgs/:handle/invitations', async (c) => {
    const list = await actions.pendingInvitationsTo(db, requireUser(c), c.req.param('handle'));
    c.header('Cache-Control', 'no-store');
    return c.json(list.map(toApiInvitation));
  });

  api.post('/orgs/:handle/invitations', async (c) => {
    const user = requireUser(c);
    const body = parseInput(inviteBody, await jsonObject(c));
    // A handle is looked up as one even when it holds an "@" inside.
    const member = body.handle !== undefined ? `@${body.handle.trim().replace(/^@/, '')}` : body.email;
    const r = await actions.inviteOrgMember(db, user, c.req.param('handle'), { member, role: body.role }, ctx.now(), { mail: ctx.mailLater, baseUrl: ctx.baseUrl, siteName: ctx.config.siteName });
    if (r.done === 'invited') return c.json(toApiInvitation(r.invitation), 201);
    return c.json({ status: 'role_changed', member: { handle: r.user.handle, role: r.role } });
  });

  const answers = { accept: actions.acceptOrgInvitation, decline: actions.declineOrgInvitation, withdraw: actions.withdrawOrgInvitation } as const;
  const states = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' } as const;
  for (const step of ['accept', 'decline', 'withdraw'] as const) {
    api.post(`/orgs/:handle/invitations/:id/${step}`, async (c) => {
      const id = c.req.param('id');
      const r = await answers[step](db, requireUser(c), c.req.param('handle'), id, ctx.now());
      // The organization and the account as every invitation shows them.
      return c.json({ id, org: { handle: r.orgHandle, name: r.orgName }, user: { handle: r.handle, name: r.name }, role: r.role, status: states[step] });
    });
  }
  return api;
}
