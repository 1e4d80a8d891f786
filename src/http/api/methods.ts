/**
 * A 405 for an API path called with a method it does not take: `{error:{code:
 * 'method_not_allowed'}}` with an `Allow` header listing the methods it does take, instead of a
 * 404 as if the path did not exist. Read from the API's own route table, so a new route needs
 * nothing here.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { AppError } from '../../core/errors.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One path pattern of the API and the methods its routes take, in the order it was first registered. */
interface Pattern {
  order: number;
  /** Its id holds slashes (`:id{.+}`), so it also matches a longer path meant for another route. */
  greedy: boolean;
  methods: Set<string>;
}

/** The patterns of the API's routes (`api.routes`, its middleware and catch-all aside), each with its methods. */
function patternsOf(api: Hono): SmartRouter<Pattern> {
  const byPath = new Map<string, Pattern>();
  for (const r of api.routes) {
    if (!(METHODS as readonly string[]).includes(r.method)) continue;
    const p = byPath.get(r.path) ?? { order: byPath.size, greedy: /\{[^}]*[.][*+][^}]*\}/.test(r.path), methods: new Set<string>() };
    p.methods.add(r.method);
    byPath.set(r.path, p);
  }
  // The router Hono itself uses, so that a path matches here exactly as it does when dispatched.
  const router = new SmartRouter<Pattern>({ routers: [new RegExpRouter(), new TrieRouter()] });
  for (const [path, p] of byPath) for (const m of p.methods) router.add(m, path, p);
  return router;
}

/** The `Allow` header of a pattern: its methods, with HEAD wherever GET is (Hono answers it). */
const allowOf = (p: Pattern): string => METHODS.flatMap((m) => (p.methods.has(m) ? (m === 'GET' ? ['GET', 'HEAD'] : [m]) : [])).join(', ');

/**
 * Middleware for the API mounted at `base`: a path some route matches under other methods only
 * answers 405. A greedy id (`/papers/:id{.+}`, for ids like hep-th/9901001) also matches
 * `/papers/X/vote`; there the pattern registered first, the specific one, owns the path, so
 * `GET /papers/X/vote` is a 405 rather than "no paper X/vote". A path no route matches goes on to
 * the API's 404.
 */
export function methodNotAllowed(api: Hono, base: string): MiddlewareHandler {
  let router: SmartRouter<Pattern> | undefined;
  return async (c, next) => {
    // Built at the first request, when every module's routes are in.
    router ??= patternsOf(api);
    const path = c.req.path.slice(base.length) || '/';
    const matching = new Set<Pattern>();
    for (const m of METHODS) for (const [p] of router.match(m, path)[0]) matching.add(p);
    // Hono answers HEAD with the GET route.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const ordered = [...matching].sort((a, b) => a.order - b.order);
    const owner = ordered[0];
    if (!owner || owner.methods.has(method) || ordered.some((p) => p.methods.has(method) && !p.greedy)) return next();
    c.header('Allow', allowOf(owner));
    throw new AppError(405, 'method_not_allowed', `${c.req.path} does not take ${method}: use ${allowOf(owner)}.`);
  };
}
