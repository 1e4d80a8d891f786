/**
 * The web application: JSON API under /api, server-rendered pages everywhere else, static assets,
 * security headers, the search rate limit and the single error handler. Built from an
 * AppContext so tests can call `app.request()` without a socket.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from './api/index.ts';
import { loadUser } from './auth.ts';
import { csrf } from './csrf.ts';
import type { AppContext } from './context.ts';
import { handleError } from './errors.tsx';
import { assetRoutes } from './assets.ts';
import { pageRoutes } from './pages/routes.tsx';
import { limitSearches } from './search-limit.ts';

/** Creates the Hono app for a context. */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      // Hono's default, no-referrer, would hide from this site which of its pages a form came from.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.onError((err, c) => handleError(err, c, ctx));
  app.use('*', loadUser(ctx), csrf(ctx));
  const searches = limitSearches(ctx);
  for (const path of ['/papers', '/api/papers/search', '/feeds/search.atom', '/feeds/search.rss']) app.use(path, searches);
  app.route('/api', apiRoutes(ctx));
  app.route('/', assetRoutes());
  app.route('/', pageRoutes(ctx));
  return app;
}
