/**
 * JSON API for papers: the daily feed (`/api/daily_papers`, pages numbered from 0 as Hugging Face
 * numbers them, with `Link` headers to the previous and next page, or day, week or month holding papers), search (`/api/papers/search`, with `Link`
 * headers to the previous and next page) and one paper
 * (`/api/papers/:id`) with its BibTeX entry (`/api/papers/:id/bibtex`; a hidden paper only for the
 * staff). Field names follow Hugging Face's API so its clients work here.
 */
import { Hono } from 'hono';
import { getFeed, parseCategory, parseFeedRequest } from '../../actions/feed.ts';
import { paperBibtexForViewer } from '../../actions/paper-bibtex.ts';
import { getPaperWithRelated, MAX_OFFSET, parsePaging, parseSearchSort, parseVerbatim, searchPapers } from '../../actions/search-papers.ts';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { toApiItem, toApiPaper } from './serialize.ts';

const WINDOW_PARAM = { day: 'date', week: 'week', month: 'month' } as const;

/** The offset of the last page of `total` results, `limit` a page. */
const lastOffset = (total: number, limit: number): number => Math.max(0, Math.ceil(total / limit) - 1) * limit;

/** Routes under /api. */
export function papersApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/daily_papers', async (c) => {
    // Pages count from 0 and sort=publishedAt is taken, as in Hugging Face's API.
    const req = parseFeedRequest(c.req.query(), { limit: ctx.config.pageSize, firstPage: 0, sorts: ['upvotes', 'trending', 'publishedAt'] });
    const feed = await getFeed(db, req, ctx.now());
    c.header('X-Total-Count', String(feed.total));
    c.header('X-Window', `${feed.window.kind}:${feed.window.key}`);
    // Links (RFC 8288) to the neighbouring page of this window when there is one, else to the
    // neighbouring day (week, month) holding papers, as the page's arrows: following rel="next"
    // reads a window page by page, then the next window. Past the end, prev is the last page.
    const pages = Math.max(1, Math.ceil(feed.total / req.limit));
    const url = (w: { kind: keyof typeof WINDOW_PARAM; key: string }, page = 1): string => {
      const q = new URLSearchParams({ [WINDOW_PARAM[w.kind]]: w.key });
      if (req.sort !== 'upvotes') q.set('sort', req.sort);
      if (req.category) q.set('cat', req.category);
      if (c.req.query('limit')) q.set('limit', String(req.limit));
      // `page` counts from 1 here; the address's `p` from 0.
      if (page > 1) q.set('p', String(page - 1));
      return `${ctx.baseUrl}/api/daily_papers?${q.toString()}`;
    };
    const prev = req.page > 1 ? url(feed.window, Math.min(req.page - 1, pages)) : feed.prev && url(feed.prev);
    const next = req.page < pages ? url(feed.window, req.page + 1) : feed.next && url(feed.next);
    const links = [prev && `<${prev}>; rel="prev"`, next && `<${next}>; rel="next"`].filter(Boolean);
    if (links.length > 0) c.header('Link', links.join(', '));
    return c.json(feed.papers.map((p) => toApiItem(p)));
  });

  api.get('/papers/search', async (c) => {
    const paging = parsePaging(c.req.query(), { limit: ctx.config.pageSize });
    const category = parseCategory(c.req.query('cat'));
    const sort = parseSearchSort(c.req.query('sort'));
    const verbatim = parseVerbatim(c.req.query('verbatim'));
    const result = await searchPapers(db, ctx.search, { query: c.req.query('q') ?? '', ...paging, sort, verbatim, ...(category ? { category } : {}) });
    c.header('X-Total-Count', String(result.total));
    if (result.matched !== undefined) c.header('X-Matched-Count', String(result.matched));
    // No paper has the query's words; these are the papers closest in meaning.
    if (result.byMeaning) c.header('X-Search-Match', 'meaning');
    // The query named one paper outright (its arXiv id or address).
    if (result.exact) c.header('X-Search-Match', 'id');
    // "Did you mean": the query with its misspelled words corrected (percent-encoded, as a header is ASCII).
    if (result.suggestion) c.header('X-Search-Suggestion', encodeURIComponent(result.suggestion));
    // The results are for this correction of the query (percent-encoded); `verbatim=1` asks for the words as typed.
    if (result.corrected) c.header('X-Search-Corrected', encodeURIComponent(result.corrected));
    // The neighbouring pages of results (RFC 8288), with the same query, filter and sort.
    const page = (offset: number): string => {
      const q = new URLSearchParams({ q: c.req.query('q') ?? '' });
      if (category) q.set('cat', category);
      if (sort !== 'relevance') q.set('sort', sort);
      if (verbatim) q.set('verbatim', '1');
      if (c.req.query('limit')) q.set('limit', String(paging.limit));
      if (offset > 0) q.set('offset', String(offset));
      return `<${ctx.baseUrl}/api/papers/search?${q.toString()}>`;
    };
    const end = paging.offset + paging.limit;
    const links = [
      paging.offset > 0 ? `${page(Math.min(Math.max(0, paging.offset - paging.limit), lastOffset(result.total, paging.limit)))}; rel="prev"` : undefined,
      end < result.total && end <= MAX_OFFSET ? `${page(end)}; rel="next"` : undefined,
    ].filter(Boolean);
    if (links.length > 0) c.header('Link', links.join(', '));
    return c.json(result.papers.map((p) => ({ ...toApiItem(p), score: p.score })));
  });

  // Before the paper's own route, whose id pattern would take it.
  // A paper a moderator hid is a 404, as if it did not exist, except to the staff, who read it
  // marked `hidden: true` (with no related papers, as on its page).
  api.get('/papers/:id{.+}/bibtex', async (c) => {
    const id = c.req.param('id');
    const found = await paperBibtexForViewer(db, c.get('user'), id);
    if (!found) throw notFound(`No paper with id "${id}"`);
    if (!found.hidden) return c.json(found.entry);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ...found.entry, hidden: true });
  });

  api.get('/papers/:id{.+}', async (c) => {
    const id = c.req.param('id');
    const found = await getPaperWithRelated(db, ctx.search, c.get('user'), id);
    if (!found) throw notFound(`No paper with id "${id}"`);
    if (!found.hidden) return c.json({ ...toApiPaper(found.paper), related: found.related.map(toApiPaper) });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ ...toApiPaper(found.paper), related: [], hidden: true });
  });

  return api;
}
