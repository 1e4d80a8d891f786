/**
 * JSON API for submissions: `POST /api/submissions {id}` (an arXiv id or link) with an API token
 * or a session plus X-CSRF-Token. 201 with the new paper; 200 with `existing: true` when it was
 * already here; 400 for a bad id, 404 when arXiv has no such paper, 502/503 when arXiv fails.
 */
import { Hono } from 'hono';
import { submitPaper } from '../../actions/submit-paper.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { jsonObject } from './body.ts';
import { toApiPaper } from './serialize.ts';

/** Routes under /api for submissions. */
export function submissionsApi(ctx: AppContext): Hono {
  const api = new Hono();
  api.post('/submissions', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    const r = await submitPaper(ctx.database.db, ctx.arxiv, { id: body['id'], user, ip: clientIp(c, ctx), search: ctx.search }, ctx.now());
    return c.json({ existing: r.existing, paper: toApiPaper(r.paper), url: `${ctx.baseUrl}/papers/${r.paper.id}` }, r.existing ? 200 : 201);
  });
  return api;
}
