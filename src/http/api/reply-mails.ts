/**
 * The caller's reply mails in the JSON API (an API token, or a session plus X-CSRF-Token), through
 * the same actions as the settings checkbox: `GET /api/account/reply-mails` answers
 * `{enabled, bouncedAt}`, and `PUT /api/account/reply-mails {enabled}` saves the choice (turning
 * them on forgets a bounce) and answers the same.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../../actions/accounts.ts';
import { replyMailsOf, saveReplyMails } from '../../actions/reply-mail-prefs.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';

const choice = z.object({ enabled: z.boolean({ error: '"enabled" must be true or false.' }) });

/** API routes for one's reply mails. */
export function replyMailsApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  api.get('/account/reply-mails', async (c) => {
    const setting = await replyMailsOf(db, requireUser(c));
    c.header('Cache-Control', 'no-store');
    return c.json(setting);
  });
  api.put('/account/reply-mails', async (c) => {
    const user = requireUser(c);
    const { enabled } = parseInput(choice, await jsonObject(c));
    await saveReplyMails(db, user, enabled, ctx.now());
    return c.json(await replyMailsOf(db, user));
  });
  return api;
}
