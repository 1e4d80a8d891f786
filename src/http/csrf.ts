/**
 * CSRF protection for every state change made with a browser session: a random value in an
 * HttpOnly cookie, and in each form (and the `X-CSRF-Token` header of script calls) its HMAC
 * under the site secret. A POST without the matching value is refused. Requests authenticated
 * by an API token carry no cookies, so they need none; a few endpoints that carry their own
 * signed token (one-click unsubscribes, which mail clients POST, and the subscription's confirm
 * button) are exempted by path.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../core/errors.ts';
import { createHmac } from 'node:crypto';
import { randomToken, sameSecret } from '../security/tokens.ts';
import { isHttps } from './auth.ts';
import type { AppContext } from './context.ts';

export const CSRF_COOKIE = 'pb_csrf';
export const CSRF_FIELD = '_csrf';

declare module 'hono' {
  interface ContextVariableMap {
    /** The value forms of this response must carry. */
    csrf: string;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Paths whose POSTs authenticate themselves with a signed token in the URL and must work with no
 * cookies: RFC 8058 one-click unsubscribe (`POST /unsubscribe/:token` of digests and
 * `POST /reply-mails/off/:token` of reply mails, sent by mail clients) and the button of a
 * subscription's confirmation link (`POST /subscribe/confirm/:token`) or of a mailed follow
 * (`POST /subscribe/follow/:token`).
 */
export const CSRF_EXEMPT_PREFIXES = ['/unsubscribe/', '/subscribe/confirm/', '/subscribe/follow/', '/reply-mails/off/'];

function tokenFor(secret: string, seed: string): string {
  return createHmac('sha256', secret).update(`csrf\n${seed}`).digest('base64url');
}

/** Issues the cookie if needed, exposes the form value, and checks it on unsafe methods. */
export function csrf(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    let seed = getCookie(c, CSRF_COOKIE);
    if (!seed || seed.length < 20) {
      seed = randomToken();
      setCookie(c, CSRF_COOKIE, seed, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, ctx), path: '/' });
    }
    const expected = tokenFor(ctx.secret, seed);
    c.set('csrf', expected);
    // API calls without a session carry no ambient authority (they fail with 401 where it matters).
    const anonymousApi = c.req.path.startsWith('/api/') && c.get('authVia') !== 'session';
    if (!SAFE.has(c.req.method) && c.get('authVia') !== 'token' && !anonymousApi && !CSRF_EXEMPT_PREFIXES.some((p) => c.req.path.startsWith(p))) {
      const given = c.req.header('x-csrf-token') ?? (await formField(c));
      if (!given || !sameSecret(given, expected)) {
        throw new AppError(403, 'csrf', 'This form has expired or did not come from this site. Reload the page and try again.');
      }
    }
    await next();
  };
}

async function formField(c: Context): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return undefined;
  const body = await c.req.parseBody();
  const v = body[CSRF_FIELD];
  return typeof v === 'string' ? v : undefined;
}
