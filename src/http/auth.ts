/**
 * Who is asking: the session cookie (browsers) or a personal API token (`Authorization: Bearer
 * pb_...`, scripts). The user, and how they authenticated, go into the request's variables;
 * `requireUser` turns an anonymous request into a 401 (API) or a redirect to sign-in (pages).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../core/errors.ts';
import { userByApiToken, userBySession, type User } from '../db/users.ts';
import { hashToken } from '../security/tokens.ts';
import { addressKey } from './address-key.ts';
import type { AppContext } from './context.ts';

export const SESSION_COOKIE = 'pb_session';

declare module 'hono' {
  interface ContextVariableMap {
    user: User | undefined;
    /** How the user proved who they are: a browser session (CSRF applies) or an API token (it does not). */
    authVia: 'session' | 'token' | undefined;
  }
}

/** Reads the session cookie or bearer token and records the user (or undefined). */
export function loadUser(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    c.set('user', undefined);
    c.set('authVia', undefined);
    // Only bearer tokens are ours; other schemes (the admin pages' basic auth) pass through. A
    // token speaks for its owner to the API only: the pages (where tokens are made and revoked,
    // and where the digest's preference link is handed out) want the browser session.
    const bearer = c.req.path.startsWith('/api/') ? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '') : null;
    if (bearer) {
      const user = await userByApiToken(ctx.database.db, hashToken(bearer[1] as string), ctx.now());
      if (!user) throw new AppError(401, 'invalid_token', 'The API token is not valid (revoked, or not a Paperboy token).');
      c.set('user', user);
      c.set('authVia', 'token');
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      const user = token ? await userBySession(ctx.database.db, hashToken(token), ctx.now()) : undefined;
      if (user) {
        c.set('user', user);
        c.set('authVia', 'session');
      }
    }
    await next();
  };
}

/**
 * The entry of a comma-separated X-Forwarded-* header that the outermost of our `hops` trusted
 * proxies wrote: each proxy appends what it saw, so entries to the left of it may be forged by
 * the client. Undefined without trusted proxies or without the header.
 */
function forwarded(c: Context, name: string, hops: number): string | undefined {
  if (hops <= 0) return undefined;
  const entries = (c.req.header(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return entries.length === 0 ? undefined : entries[Math.max(0, entries.length - hops)];
}

/** Whether cookies should be Secure: behind HTTPS (PUBLIC_URL, or a trusted proxy saying so). */
export function isHttps(c: Context, ctx: AppContext): boolean {
  return ctx.baseUrl.startsWith('https://') || forwarded(c, 'x-forwarded-proto', ctx.config.trustProxy) === 'https' || new URL(c.req.url).protocol === 'https:';
}

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. Its lifetime is sent as
 * Max-Age (relative), so a browser whose clock differs from the server's keeps it as long.
 */
export function setSessionCookie(c: Context, ctx: AppContext, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - ctx.now().getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, ctx), path: '/', maxAge });
}

/** Removes the session cookie. */
export function clearSessionCookie(c: Context, ctx: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, ctx) });
}

/** The signed-in user, or a 401 AppError (pages turn it into a redirect to /signin). */
export function requireUser(c: Context): User {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'sign_in_required', 'Sign in to do that.');
  return user;
}

/** The signed-in user if they are a moderator or admin, else a 403. */
export function requireModerator(c: Context): User {
  const user = requireUser(c);
  if (user.role !== 'moderator' && user.role !== 'admin') throw new AppError(403, 'forbidden', 'Only moderators can do that.');
  return user;
}

/** The signed-in user if they are an admin, else a 403. */
export function requireAdmin(c: Context): User {
  const user = requireUser(c);
  if (user.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can do that.');
  return user;
}

/**
 * The client's address for rate limits: the socket's peer, or with TRUST_PROXY the address our
 * proxies put in X-Forwarded-For (never one the client wrote itself, which would let anyone
 * pick a fresh address for every request); an IPv6 address stands for its /64 (address-key.ts).
 */
export function clientIp(c: Context, ctx: AppContext): string {
  const viaProxy = forwarded(c, 'x-forwarded-for', ctx.config.trustProxy);
  if (viaProxy) return addressKey(viaProxy);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return addressKey(incoming?.socket?.remoteAddress ?? 'local');
}
