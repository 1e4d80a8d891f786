/**
 * `GET /papers/:id/bibtex`: a paper's BibTeX entry as plain text, shown in the browser (inline)
 * and saved as `KEY.bib`. The paper page's "BibTeX" link points here.
 */
import { Hono } from 'hono';
import { paperBibtex } from '../../actions/paper-bibtex.ts';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';

/** The BibTeX route; mounted before the paper page's, whose id pattern would take it. */
export function paperBibtexRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/papers/:id{.+}/bibtex', async (c) => {
    const id = c.req.param('id');
    const entry = await paperBibtex(ctx.database.db, id);
    if (!entry) throw notFound(`There is no paper with the id "${id}" here.`);
    return c.body(entry.bibtex, 200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `inline; filename="${entry.key}.bib"` });
  });
  return app;
}
