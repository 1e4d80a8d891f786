/**
 * The single error handler: AppErrors become `{error:{code,message}}` under /api and an error
 * page elsewhere; anything else is a 500, logged once with the request it came from.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../core/errors.ts';
import { RateLimited } from '../actions/rate-limit.ts';
import type { AppContext } from './context.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { returnPath } from './return-path.ts';

/** Turns a thrown value into the response the client should get. */
export function handleError(err: Error, c: Context, ctx: AppContext): Response | Promise<Response> {
  let appErr: AppError;
  if (err instanceof AppError) {
    appErr = err;
    // A source that failed us (arXiv down or unreachable) is worth an admin's notice.
    if (err.status >= 502) ctx.logger.warn({ code: err.code, method: c.req.method, path: c.req.path, cause: err.cause instanceof Error ? err.cause.message : undefined }, err.message);
  } else if (err instanceof HTTPException && err.res) {
    // Middleware that built its own answer (basic auth's 401 with WWW-Authenticate) keeps it.
    return err.getResponse();
  } else if (err instanceof HTTPException) {
    appErr = new AppError(err.status, err.status === 413 ? 'too_large' : 'http_error', err.message || 'Request failed');
  } else {
    ctx.logger.error({ err, method: c.req.method, path: c.req.path }, 'request failed');
    appErr = new AppError(500, 'internal', 'Something went wrong on our side.');
  }
  return errorResponse(c, appErr);
}

/** Renders an AppError for the path's audience (JSON for /api, HTML otherwise). */
export function errorResponse(c: Context, err: AppError): Response | Promise<Response> {
  const status = err.status as ContentfulStatusCode;
  if (err instanceof RateLimited) c.header('Retry-After', String(err.retryAfterSeconds));
  // A page that needs a signed-in user sends the visitor to sign in, and back afterwards.
  if (err.status === 401 && !c.req.path.startsWith('/api/')) {
    const back = c.req.method === 'GET' ? Promise.resolve(c.req.path + (new URL(c.req.url).search || '')) : returnPath(c);
    return back.then((path) => c.redirect(`/signin?next=${encodeURIComponent(path)}`, 303));
  }
  if (c.req.path.startsWith('/api/')) return c.json({ error: { code: err.code, message: err.message } }, status);
  c.status(status);
  return c.html(<ErrorPage status={err.status} message={err.message} />);
}
