/**
 * Keeps what the API tells one account out of shared caches: an answer to a request made with a
 * session or an API token is `Cache-Control: private, no-store` unless its route chose its own
 * caching, and every API answer says it varies by `Cookie` and `Authorization` (beside whatever
 * else it already varies by), so a cache never hands one caller's answer to another. Anonymous
 * reads keep their caching.
 */
import type { MiddlewareHandler } from 'hono';

const VARY_BY = ['Cookie', 'Authorization'];

/** A Vary value with `extra` added to `existing`, each name once (`*` stays as it is). */
export function mergeVary(existing: string | null, extra: readonly string[]): string {
  const names = (existing ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.includes('*')) return '*';
  const seen = new Set(names.map((s) => s.toLowerCase()));
  for (const name of extra) {
    if (!seen.has(name.toLowerCase())) {
      names.push(name);
      seen.add(name.toLowerCase());
    }
  }
  return names.join(', ');
}

/** Middleware for the whole API, mounted first so that it sees every answer, errors included. */
export function privateAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.get('user') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-store');
    c.res.headers.set('Vary', mergeVary(c.res.headers.get('Vary'), VARY_BY));
  };
}
