/**
 * The JSON API for other sites' pages (notebooks, dashboards): CORS with `*` and never with
 * credentials, so a browser sends no cookie of this site on such a call (a session's state
 * changes still need the CSRF header, which no other site can read or send); a call with an API
 * token (`Authorization: Bearer`, no ambient credential) may change things, after a preflight
 * this answers. Its reads may be loaded from any site (Cross-Origin-Resource-Policy), and a 401
 * says how to authenticate (`WWW-Authenticate: Bearer`).
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** Headers of API answers a script on another site may read, beyond the few browsers always expose. */
const EXPOSED = ['Link', 'X-Total-Count', 'X-Matched-Count', 'X-Window', 'X-Search-Match', 'X-Search-Suggestion', 'X-Search-Corrected', 'Location', 'Retry-After', 'Allow', 'WWW-Authenticate'];

/**
 * Middleware for /api/*, mounted before the security headers so that, running last on the way
 * out, its Cross-Origin-Resource-Policy replaces their same-origin one.
 */
export function apiCrossOrigin(): MiddlewareHandler {
  const allow = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Not X-CSRF-Token: a cross-origin call cannot carry a session, so it never needs one.
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: EXPOSED,
    maxAge: 86_400,
  });
  return async (c, next) => {
    // A preflight (OPTIONS) is answered here, before any other middleware.
    const preflight = await allow(c, next);
    if (preflight) return preflight;
    if (c.req.method === 'GET' || c.req.method === 'HEAD') c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (c.res.status === 401 && !c.res.headers.has('WWW-Authenticate')) c.res.headers.set('WWW-Authenticate', 'Bearer');
    return undefined;
  };
}
