/**
 * The particulars of a one-time notice (flash-notice.tsx) that names someone or something ("You are
 * now a member of Applied ML Lab"): they travel beside the notice's name in a second cookie, sealed
 * under the site's secret, so the browser can neither read nor alter them and nobody but the site
 * can make it say a name. They last as long as the notice (a minute), and belong to the account
 * they were made for (or to no account, signed out): replayed into anyone else's browser they say
 * nothing.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { seal, unseal } from '../../security/sealed.ts';
import { isHttps } from '../auth.ts';
import type { AppContext } from '../context.ts';

export const NOTICE_DETAILS_COOKIE = 'pb_notice_details';
const PURPOSE = 'notice-details';
const SECONDS = 60;

/** What a notice says of whom: short strings by key (an organization's name, a handle, a role). */
export type NoticeDetails = Record<string, string>;

/** Who is reading: the signed-in user's id, or null signed out. */
function readerOf(c: Context): string | null {
  return c.get('user')?.id ?? null;
}

/** Hands these particulars to the next page's notice, for the user this request is from. */
export function setNoticeDetails(c: Context, ctx: AppContext, details: NoticeDetails): void {
  const value = seal(ctx.secret, PURPOSE, JSON.stringify({ for: readerOf(c), details }), ctx.now().getTime() + SECONDS * 1000);
  setCookie(c, NOTICE_DETAILS_COOKIE, value, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, ctx), path: '/', maxAge: SECONDS });
}

/** The particulars handed to this request, if genuine, not expired and made for this request's user. */
export function noticeDetailsOf(c: Context, ctx: AppContext): NoticeDetails | undefined {
  const value = getCookie(c, NOTICE_DETAILS_COOKIE);
  const payload = value ? unseal(ctx.secret, PURPOSE, value, ctx.now().getTime()) : undefined;
  if (!payload) return undefined;
  const parsed = JSON.parse(payload) as { for?: unknown; details?: unknown } | null;
  if (typeof parsed !== 'object' || parsed === null || parsed.for !== readerOf(c)) return undefined;
  const details = parsed.details;
  if (typeof details !== 'object' || details === null) return undefined;
  return Object.fromEntries(Object.entries(details).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Removes the particulars once their notice is shown. */
export function dropNoticeDetails(c: Context): void {
  deleteCookie(c, NOTICE_DETAILS_COOKIE, { path: '/' });
}
