/**
 * Addresses people type or bring from Hugging Face, sent to the page they mean: a page path with
 * a trailing slash (`/papers/date/2026-08-21/`) to the path without it; Hugging Face's daily
 * address `/papers?date=2026-08-21` (and `?week=`, `?month=`), without a search, to that window's
 * page; `/papers/trending` to the latest week sorted by trending.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { latestWindow } from '../../actions/feed.ts';
import type { AppContext } from '../context.ts';
import { windowPath, withQuery } from './format.ts';

/**
 * Middleware: a GET or HEAD of a page path ending in a slash is moved, query and all, to the path
 * without it (`/` and the JSON API excepted). A path that would then begin with two slashes
 * (`//example.com/`) is left alone: as a Location it would name another site.
 */
export function trimTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') {
      const url = new URL(c.req.url);
      const path = url.pathname.replace(/\/+$/, '');
      if (path !== url.pathname && path !== '' && /^\/[^/\\]/.test(path) && !/^\/api(\/|$)/.test(path)) {
        return c.redirect(`${path}${url.search}`, 301);
      }
    }
    await next();
  };
}

const WINDOW_PARAMS = { date: 'day', week: 'week', month: 'month' } as const;

/** The options of a feed page a redirect carries over: the category, a trending sort, the page. */
function feedOptions(c: Context): Record<string, string | undefined> {
  const sort = c.req.query('sort');
  return { sort: sort === 'trending' ? sort : undefined, cat: c.req.query('cat'), p: c.req.query('p') };
}

/** Routes for `/papers?date=` without a search and for `/papers/trending`; mount before `/papers`. */
export function pageRedirects(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/papers', async (c, next) => {
    if ((c.req.query('q') ?? '').trim() !== '') return next();
    const given = (Object.keys(WINDOW_PARAMS) as (keyof typeof WINDOW_PARAMS)[]).filter((k) => c.req.query(k));
    const param = given[0];
    // Two windows at once is a mistake the search page cannot answer either; leave it to say so.
    if (given.length !== 1 || !param) return next();
    const key = c.req.query(param) ?? '';
    return c.redirect(withQuery(windowPath({ kind: WINDOW_PARAMS[param], key: encodeURIComponent(key) }), feedOptions(c)), 301);
  });
  // Hugging Face's trending page: this site's trending view is the latest week by trending score.
  app.get('/papers/trending', async (c) => {
    const week = await latestWindow(ctx.database.db, 'week', ctx.now());
    return c.redirect(withQuery(windowPath(week), { sort: 'trending', cat: c.req.query('cat') }), 302);
  });
  return app;
}
