/**
 * The known-device cookie: the signed token a successful sign-in hands the browser (see
 * actions/known-device.ts). HttpOnly, sent only to /signin, kept for a year; signing out keeps
 * it, since it proves nothing but that this browser once signed in to the account.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isHttps } from './auth.ts';
import type { AppContext } from './context.ts';

export const DEVICE_COOKIE = 'pb_device';

/** The device token the browser presents, if any. */
export function deviceCookie(c: Context): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

/** Sets the device cookie, with its lifetime as Max-Age like the session cookie. */
export function setDeviceCookie(c: Context, ctx: AppContext, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - ctx.now().getTime()) / 1000));
  setCookie(c, DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, ctx), path: '/signin', maxAge });
}
