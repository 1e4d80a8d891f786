/**
 * The web application: JSON API under /api (readable from other sites), server-rendered pages
 * everywhere else, static assets, security headers, a cap on request bodies, the search rate limit and the single error handler.
 * Built from an AppContext so tests can call `app.request()` without a socket.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { contextStorage } from 'hono/context-storage';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../core/errors.ts';
import { apiRoutes } from './api/index.ts';
import { apiCrossOrigin } from './api-cross-origin.ts';
import { loadUser } from './auth.ts';
import { csrf } from './csrf.ts';
import type { AppContext } from './context.ts';
import { handleError } from './errors.tsx';
import { assetRoutes } from './assets.ts';
import { pageRoutes } from './pages/routes.tsx';
import { rememberSite } from './pages/site.ts';
import { limitSearches } from './search-limit.ts';

/**
 * Largest request body accepted, form or JSON: far above the largest legitimate one (a 10,000
 * character comment, a collection's order of up to 1,000 ids), and small enough that nobody can
 * make the server buffer megabytes before the CSRF check or a handler reads the body.
 */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * A form body that cannot be parsed (a multipart body without its boundaries, say) is the
 * client's mistake: a 400 here, before the CSRF check or a handler reads it. Hono keeps the parsed
 * body, so reading it first costs nothing later.
 */
const readableForm: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    await c.req.parseBody().catch((err: unknown) => {
      // The body limit's 413 (a stream cut off while read) stays what it is.
      if (err instanceof AppError) throw err;
      throw new AppError(400, 'bad_form', 'The form could not be read: its body does not match its content type.');
    });
  }
  await next();
};

/**
 * A page is for the one browser that asked: it carries that browser's CSRF value and, signed in,
 * its user. No shared cache (a proxy, a CDN in front of the site) may keep one for someone else,
 * so an HTML answer that says nothing of caching says `private`. Feeds and assets say their own.
 */
const privatePages: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control') && c.res.headers.get('Content-Type')?.startsWith('text/html')) c.header('Cache-Control', 'private');
};

/** Creates the Hono app for a context. */
export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  // Outermost, so that its cross-origin resource policy for the API wins over the one below.
  app.use('/api/*', apiCrossOrigin());
  app.use(
    '*',
    secureHeaders({
      // Hono's default, no-referrer, would hide from this site which of its pages a form came from.
      referrerPolicy: 'same-origin',
      // As the policy's frame-ancestors 'none' says, for browsers that read only this header.
      xFrameOptions: 'DENY',
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
  app.use('*', privatePages);
  app.onError((err, c) => handleError(err, c, ctx));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError(413, 'payload_too_large', `That request is too large: the limit is ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
    readableForm,
    loadUser(ctx),
    csrf(ctx),
  );
  const searches = limitSearches(ctx);
  for (const path of ['/papers', '/api/papers/search', '/feeds/search.atom', '/feeds/search.rss']) app.use(path, searches);
  app.route('/api', apiRoutes(ctx));
  // A missing asset's 404 is the site's page in its frame, which finds the site the way pages do.
  app.use('/assets/*', contextStorage(), rememberSite(ctx));
  app.route('/', assetRoutes());
  app.route('/', pageRoutes(ctx));
  return app;
}
