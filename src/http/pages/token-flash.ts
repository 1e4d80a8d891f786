/**
 * A new API token on its way from the form that creates it to the settings page that shows it
 * once (post/redirect/get: reloading that page creates nothing). The secret travels in a cookie
 * sealed under the site's secret (the browser can neither read nor alter it), HttpOnly, sent only
 * to /settings and for five minutes; the page that shows it deletes it, and shows it only to the
 * account it was made for, while the token is live.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { seal, unseal } from '../../security/sealed.ts';
import { isHttps } from '../auth.ts';
import type { AppContext } from '../context.ts';

export const NEW_TOKEN_COOKIE = 'pb_new_token';
const PURPOSE = 'new-api-token';
const PATH = '/settings';
/** Long enough for a slow redirect, short enough that a forgotten tab holds nothing for long. */
export const NEW_TOKEN_SECONDS = 300;

export interface NewToken {
  /** The token's id, to check it is still live. */
  id: string;
  token: string;
}

/** Hands a just-created token to the next /settings page. */
export function flashNewToken(c: Context, ctx: AppContext, userId: string, t: NewToken): void {
  const value = seal(ctx.secret, PURPOSE, JSON.stringify([userId, t.id, t.token]), ctx.now().getTime() + NEW_TOKEN_SECONDS * 1000);
  setCookie(c, NEW_TOKEN_COOKIE, value, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c, ctx), path: PATH, maxAge: NEW_TOKEN_SECONDS });
}

/** The token handed to this page for this user, if any; removes it from the browser either way. */
export function takeNewToken(c: Context, ctx: AppContext, userId: string): NewToken | undefined {
  const value = getCookie(c, NEW_TOKEN_COOKIE);
  if (!value) return undefined;
  deleteCookie(c, NEW_TOKEN_COOKIE, { path: PATH, secure: isHttps(c, ctx) });
  const payload = unseal(ctx.secret, PURPOSE, value, ctx.now().getTime());
  // Sealed by us, so it parses; a value that fails to unseal is simply absent.
  const [owner, id, token] = payload ? (JSON.parse(payload) as unknown[]) : [];
  return owner === userId && typeof id === 'string' && typeof token === 'string' ? { id, token } : undefined;
}
