/**
 * The staff's read of papers a moderator hid: for a moderator or administrator,
 * `GET /api/papers/:id` and `/api/papers/:id/bibtex` answer a hidden paper as the papers module
 * answers a shown one, with `hidden: true` (and no related papers, as on its page). For everyone
 * else, and for papers that are not hidden, the papers module answers (mounted after this one):
 * a hidden paper is a 404 there, as if it did not exist.
 */
import { Hono } from 'hono';
import { hiddenPaperBibtexForStaff } from '../../actions/paper-bibtex.ts';
import { getHiddenPaperForStaff } from '../../actions/search-papers.ts';
import type { AppContext } from '../context.ts';
import { toApiPaper } from './serialize.ts';

/** API routes for the staff's view of hidden papers; they pass anything else on. */
export function hiddenPapersApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  // Before the paper's own route, whose id pattern would take it.
  api.get('/papers/:id{.+}/bibtex', async (c, next) => {
    const entry = await hiddenPaperBibtexForStaff(db, c.get('user'), c.req.param('id'));
    if (!entry) return next();
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ...entry, hidden: true });
  });

  api.get('/papers/:id{.+}', async (c, next) => {
    const paper = await getHiddenPaperForStaff(db, c.get('user'), c.req.param('id'));
    if (!paper) return next();
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ...toApiPaper(paper), related: [], hidden: true });
  });

  return api;
}
