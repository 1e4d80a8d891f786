/**
 * A per-address limit on searches (pages, their infinite-scroll fragments, the API and search
 * feeds), so one client cannot keep a node's cores busy. Searches change nothing, so the count
 * lives in this node's memory rather than the store: a window of one minute per address, which
 * a reader never reaches (SEARCH_RATE_LIMIT, default 120 a minute; 0 turns it off).
 */
import type { MiddlewareHandler } from 'hono';
import { RateLimited } from '../actions/rate-limit.ts';
import { clientIp } from './auth.ts';
import type { AppContext } from './context.ts';

const WINDOW_MS = 60_000;
/** Addresses remembered before expired windows are swept. */
const SWEEP_AT = 10_000;

/** Counts searches per address in fixed one-minute windows. */
export function searchLimiter(perMinute: number): (address: string, now: number) => void {
  const windows = new Map<string, { start: number; count: number }>();
  return (address, now) => {
    if (perMinute <= 0) return;
    let w = windows.get(address);
    if (!w || now - w.start >= WINDOW_MS) {
      if (!w && windows.size >= SWEEP_AT) {
        for (const [k, v] of windows) if (now - v.start >= WINDOW_MS) windows.delete(k);
      }
      w = { start: now, count: 0 };
      windows.set(address, w);
    }
    w.count++;
    if (w.count > perMinute) throw new RateLimited(Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)), 'searches from your address');
  };
}

/** Middleware: requests that carry a search query count against the client's limit. */
export function limitSearches(ctx: AppContext): MiddlewareHandler {
  const hit = searchLimiter(ctx.config.searchRateLimit);
  return async (c, next) => {
    if ((c.req.query('q') ?? '').trim() !== '') hit(clientIp(c, ctx), ctx.now().getTime());
    await next();
  };
}
