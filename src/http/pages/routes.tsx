/**
 * Server-rendered pages: the feed (`/`, `/papers/date|week|month/:key`), search (`/papers?q=`),
 * a paper (`/papers/:id`, ids may hold a slash), the routes of every feature (authors and
 * organizations among them), the addresses moved elsewhere (page-redirects.ts) and the not-found
 * page for everything else.
 * Handlers call the same actions as the JSON API and hand the results to the views.
 */
import { type Context, Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { getFeed, parseCategory, parseFeedRequest, parsePageNumber, pickerCategories } from '../../actions/feed.ts';
import { feedSurroundings } from '../../actions/feed-surroundings.ts';
import { getPaperWithRelated, parsePaging, parseSearchSort, parseVerbatim, searchPapers } from '../../actions/search-papers.ts';
import { notFound } from '../../core/errors.ts';
import { isoDate, type WindowKind } from '../../core/feed-window.ts';
import type { AppContext } from '../context.ts';
import { accountRoutes } from './account-routes.tsx';
import { discussionRoutes } from './comments-routes.tsx';
import { markVoted } from './vote-button.tsx';
import { voteRoutes } from './vote-routes.tsx';
import { profileRoutes } from './profile-routes.tsx';
import { adminRoutes } from './admin-routes.tsx';
import { claimRoutes } from './claim-routes.tsx';
import { collectionRoutes } from './collection-routes.tsx';
import { FeedView } from './feed-page.tsx';
import { followedItems } from './follow-button.tsx';
import { PaperView } from './paper-page.tsx';
import { paperExtras } from './paper-extensions.tsx';
import { organizationLinks } from './name-links.tsx';
import { nameRoutes } from './name-routes.tsx';
import { orgRoutes } from './org-routes.tsx';
import { paperBibtexRoutes } from './paper-bibtex-routes.ts';
import { pageRedirects, trimTrailingSlash } from './page-redirects.ts';
import { SearchFragment, SearchView } from './search-page.tsx';
import { subscribeRoutes } from './subscribe-routes.tsx';
import { feedRoutes } from '../feeds/routes.ts';
import { rememberSite, siteOf } from './site.ts';
import { submitRoutes } from './submit-routes.tsx';

const WINDOW_PARAM: Record<WindowKind, 'date' | 'week' | 'month'> = { day: 'date', week: 'week', month: 'month' };

/** Page routes. */
export function pageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.use('*', trimTrailingSlash(), contextStorage(), rememberSite(ctx), organizationLinks(ctx), followedItems(ctx));

  const feed = async (c: Context, path?: { kind: WindowKind; key: string }) => {
    const { date, week, month, ...rest } = c.req.query();
    const raw = path ? { ...rest, [WINDOW_PARAM[path.kind]]: path.key } : { ...rest, date, week, month };
    const req = parseFeedRequest(raw, { limit: ctx.config.pageSize });
    const page = await getFeed(db, req, ctx.now());
    await markVoted(c, ctx, page.papers.map((p) => p.id));
    const [around, categories] = await Promise.all([feedSurroundings(db, page.window, req.category), pickerCategories(db, ctx.now())]);
    const home = !req.key;
    return c.html(<FeedView site={siteOf(c, ctx)} feed={page} around={around} home={home} categories={categories} today={isoDate(ctx.now().getTime())} {...(req.category ? { category: req.category } : {})} />);
  };

  app.route('/', pageRedirects(ctx));
  app.get('/', (c) => feed(c));
  app.get('/papers/date/:key', (c) => feed(c, { kind: 'day', key: c.req.param('key') }));
  app.get('/papers/week/:key', (c) => feed(c, { kind: 'week', key: c.req.param('key') }));
  app.get('/papers/month/:key', (c) => feed(c, { kind: 'month', key: c.req.param('key') }));

  app.get('/papers', async (c) => {
    const query = c.req.query('q') ?? '';
    const { p, offset, limit } = c.req.query();
    const perPage = parsePaging({ ...(limit !== undefined ? { limit } : {}) }, { limit: ctx.config.pageSize }).limit;
    // Results are served up to the 10,000th; a page past that is past the last result.
    const pageNo = Math.min(parsePageNumber(p, Number.MAX_SAFE_INTEGER), Math.floor(10_000 / perPage) + 1);
    const paging = parsePaging({ limit: String(perPage), offset: offset ?? String((pageNo - 1) * perPage) }, { limit: perPage });
    const category = parseCategory(c.req.query('cat'));
    const sort = parseSearchSort(c.req.query('sort'));
    const verbatim = parseVerbatim(c.req.query('verbatim'));
    const result = await searchPapers(db, ctx.search, { query, ...paging, sort, verbatim, ...(category ? { category } : {}) });
    // An arXiv id or a paper's address pasted into the box goes straight to that paper.
    const named = result.exact ? result.papers[0] : undefined;
    if (named && c.req.query('fragment') !== '1') return c.redirect(`/papers/${named.id}`, 302);
    await markVoted(c, ctx, result.papers.map((p) => p.id));
    const props = {
      site: siteOf(c, ctx),
      query,
      total: result.total,
      papers: result.papers,
      ...paging,
      sort,
      ...(verbatim ? { verbatim } : {}),
      ...(result.matched !== undefined ? { matched: result.matched } : {}),
      ...(category ? { category } : {}),
      ...(result.byMeaning ? { byMeaning: true } : {}),
      ...(result.missingArxivId ? { missingArxivId: result.missingArxivId } : {}),
      ...(result.suggestion ? { suggestion: result.suggestion } : {}),
      ...(result.corrected ? { corrected: result.corrected } : {}),
      mark: ctx.search.highlighter(result.corrected ?? query),
    };
    if (c.req.query('fragment') === '1') return c.html(<SearchFragment {...props} />);
    return c.html(<SearchView {...props} />);
  });

  app.route('/', paperBibtexRoutes(ctx));
  app.get('/papers/:id{.+}', async (c) => {
    const id = c.req.param('id');
    const found = await getPaperWithRelated(db, ctx.search, c.get('user'), id);
    if (!found) throw notFound(`There is no paper with the id "${id}" here.`);
    // Another way of writing its id (2501.05441v2, arXiv:2501.05441, an arXiv link): the paper's own address.
    if (found.paper.id !== id) return c.redirect(`/papers/${found.paper.id}${new URL(c.req.url).search}`, 301);
    if (found.hidden) return c.html(<PaperView site={siteOf(c, ctx)} paper={found.paper} related={[]} hidden />);
    await markVoted(c, ctx, [found.paper.id, ...found.related.map((p) => p.id)]);
    const site = siteOf(c, ctx);
    const extras = await paperExtras(c, ctx, found.paper, site);
    return c.html(<PaperView site={site} paper={found.paper} related={found.related} extras={extras} />);
  });

  app.route('/admin', adminRoutes(ctx));
  app.route('/', subscribeRoutes(ctx));
  app.route('/', feedRoutes(ctx));
  app.route('/', accountRoutes(ctx));
  app.route('/', discussionRoutes(ctx));
  app.route('/', voteRoutes(ctx));
  app.route('/', profileRoutes(ctx));
  app.route('/', submitRoutes(ctx));
  app.route('/', collectionRoutes(ctx));
  app.route('/', nameRoutes(ctx));
  app.route('/', orgRoutes(ctx));
  app.route('/', claimRoutes(ctx));

  app.all('*', () => {
    throw notFound('There is no page at this address.');
  });
  return app;
}
