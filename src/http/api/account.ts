/**
 * The account in the JSON API (a session plus X-CSRF-Token, or an API token; the current password
 * either way): `POST /api/account/email {email, password}` mails the new address its confirmation
 * link (202, the same answer whether or not the address has an account; the move itself takes the
 * link's page), `PUT /api/account/name {name}` changes the name the account shows (no password:
 * the handle stays), and `DELETE /api/account {password, confirm: true}` deletes the account (200).
 */
import { Hono } from 'hono';
import { renameAccount } from '../../actions/accounts.ts';
import { requestEmailChange } from '../../actions/change-email.ts';
import { deleteOwnAccount } from '../../actions/delete-account.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';

/** API routes for one's own account. */
export function accountApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  api.post('/account/email', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    const { email } = await requestEmailChange(db, ctx.mailLater, user, { email: body['email'], current: body['password'], ip: clientIp(c, ctx), baseUrl: ctx.baseUrl, secret: ctx.secret }, ctx.now());
    return c.json({ pending: true, email }, 202);
  });
  api.put('/account/name', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    const name = await renameAccount(db, user, body['name'], ctx.now());
    return c.json({ name, handle: user.handle });
  });
  api.delete('/account', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    await deleteOwnAccount(db, user, { current: body['password'], confirm: body['confirm'] === true, ip: clientIp(c, ctx) }, ctx.now());
    return c.json({ deleted: true, handle: user.handle });
  });
  return api;
}
