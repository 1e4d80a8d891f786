/**
 * Accounts in the JSON API, for site staff (an API token, or a session plus X-CSRF-Token):
 * `GET /api/admin/users?q=&role=&status=&p=` lists them as the admin page does (moderators and
 * administrators; addresses for administrators only), and `POST /api/admin/users/:handle/role
 * {role}` changes a role (administrators), through the same actions as the page and the CLI.
 */
import { Hono } from 'hono';
import { listAccounts, parseAccountQuery } from '../../actions/account-directory.ts';
import { changeRole } from '../../actions/roles.ts';
import { requireModerator, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';

/** API routes under /api/admin/users. */
export function adminUsersApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  const url = (handle: string) => `${ctx.baseUrl}/users/${handle}`;

  api.get('/admin/users', async (c) => {
    const list = await listAccounts(db, requireModerator(c), parseAccountQuery(c.req.query()), 'empty');
    c.header('Cache-Control', 'no-store');
    return c.json({ page: list.page, numPages: list.numPages, total: list.total, users: list.accounts.map((a) => ({ ...a, url: url(a.handle) })) });
  });

  api.post('/admin/users/:handle/role', async (c) => {
    const actor = requireUser(c);
    const body = await jsonObject(c);
    const { user, was } = await changeRole(db, actor, { who: `@${c.req.param('handle')}`, role: body['role'] }, ctx.now());
    return c.json({ handle: user.handle, role: user.role, was, changed: was !== user.role, url: url(user.handle) });
  });

  return api;
}
