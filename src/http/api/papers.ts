/**
 * JSON API for papers: the daily feed (`/api/daily_papers`, with `Link` headers to the previous and
 * next day, week or month holding papers), search (`/api/papers/search`) and one paper
 * (`/api/papers/:id`). Field names follow Hugging Face's API so its clients work here.
 */
import { Hono } from 'hono';
import { getFeed, parseCategory, parseFeedRequest } from '../../actions/feed.ts';
import { getPaperWithRelated, parsePaging, parseSearchSort, searchPapers } from '../../actions/search-papers.ts';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { toApiItem, toApiPaper } from './serialize.ts';

const WINDOW_PARAM = { day: 'date', week: 'week', month: 'month' } as const;

/** Routes under /api. */
export function papersApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/daily_papers', async (c) => {
    const req = parseFeedRequest(c.req.query(), { limit: ctx.config.pageSize });
    const feed = await getFeed(db, req, ctx.now());
    c.header('X-Total-Count', String(feed.total));
    c.header('X-Window', `${feed.window.kind}:${feed.window.key}`);
    // The neighbouring days (weeks, months) that hold papers, as the page's arrows (RFC 8288).
    const links = (['prev', 'next'] as const).flatMap((rel) => {
      const w = feed[rel];
      if (!w) return [];
      const q = new URLSearchParams({ [WINDOW_PARAM[w.kind]]: w.key });
      if (req.sort === 'trending') q.set('sort', 'trending');
      if (req.category) q.set('cat', req.category);
      if (c.req.query('limit')) q.set('limit', String(req.limit));
      return [`<${ctx.baseUrl}/api/daily_papers?${q.toString()}>; rel="${rel}"`];
    });
    if (links.length > 0) c.header('Link', links.join(', '));
    return c.json(feed.papers.map((p) => toApiItem(p)));
  });

  api.get('/papers/search', async (c) => {
    const paging = parsePaging(c.req.query(), { limit: ctx.config.pageSize });
    const category = parseCategory(c.req.query('cat'));
    const sort = parseSearchSort(c.req.query('sort'));
    const result = await searchPapers(db, ctx.search, { query: c.req.query('q') ?? '', ...paging, sort, ...(category ? { category } : {}) });
    c.header('X-Total-Count', String(result.total));
    if (result.matched !== undefined) c.header('X-Matched-Count', String(result.matched));
    // No paper has the query's words; these are the papers closest in meaning.
    if (result.byMeaning) c.header('X-Search-Match', 'meaning');
    // The query named one paper outright (its arXiv id or address).
    if (result.exact) c.header('X-Search-Match', 'id');
    return c.json(result.papers.map((p) => ({ ...toApiItem(p), score: p.score })));
  });

  api.get('/papers/:id{.+}', async (c) => {
    const found = await getPaperWithRelated(db, ctx.search, c.req.param('id'));
    if (!found) throw notFound(`No paper with id "${c.req.param('id')}"`);
    return c.json({ ...toApiPaper(found.paper), related: found.related.map(toApiPaper) });
  });

  return api;
}
