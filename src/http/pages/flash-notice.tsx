/**
 * One-time notices after a redirect ("your address is confirmed, you are signed in"): the action
 * sets a short-lived cookie naming one of a few fixed notices, and the next page rendered in the
 * site's frame shows it once and removes the cookie. The cookie carries a name, never text, so
 * whoever could set it could only make the site say one of its own sentences; the names and roles
 * some sentences hold come sealed in a second cookie (notice-details.ts).
 */
import type { Context } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isHttps } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { dropNoticeDetails, type NoticeDetails, setNoticeDetails } from './notice-details.ts';
import { currentSite } from './site.ts';

export const NOTICE_COOKIE = 'pb_notice';

const NOTICES = {
  confirmed: (name: string | undefined) => (name ? `Your address is confirmed, and you are signed in as ${name}. Welcome!` : 'Your address is confirmed. Welcome!'),
  'password-reset': (name: string | undefined) =>
    `Your password was changed${name ? `, and you are signed in as ${name}` : ''}. Every other session was signed out and your API tokens were revoked.`,
  'account-deleted': () => 'Your account was deleted, and you are signed out. Thank you for reading with us.',
  'admin-role-changed': (_, d) =>
    d.handle && d.role
      ? `The role was changed: @${d.handle} is now ${d.role === 'user' ? 'a user' : d.role === 'admin' ? 'an administrator' : 'a moderator'}. The audit log on the moderation page records it.`
      : 'The role was changed; the audit log on the moderation page records it.',
  'admin-role-unchanged': () => 'The account already had that role: nothing changed.',
  'admin-banned': () => 'The account is banned and signed out everywhere.',
  'admin-unbanned': () => 'The account is no longer banned.',
  'admin-deleted': () => 'The account was deleted; its handle stays reserved.',
  'org-joined': (_, d) => (d.org ? `You are now ${anRole(d.role)} of ${d.org}.` : undefined),
  'org-invited': (_, d) => (d.org && d.handle ? `Invitation sent to @${d.handle}: they become ${anRole(d.role)} of ${d.org} when they accept.` : undefined),
  'org-role-changed': (_, d) => (d.org && d.handle ? `@${d.handle} is now ${anRole(d.role)} of ${d.org}.` : undefined),
} satisfies Record<string, (name: string | undefined, details: NoticeDetails) => string | undefined>;

/** "an admin" or "a member", for an organization role. */
function anRole(role: string | undefined): string {
  return role === 'admin' ? 'an admin' : 'a member';
}

export type NoticeName = keyof typeof NOTICES;

/** Makes the next page show a notice (within a minute: a redirect's target is fetched at once), with the names it holds. */
export function setNotice(c: Context, ctx: AppContext, name: NoticeName, details?: NoticeDetails): void {
  setCookie(c, NOTICE_COOKIE, name, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, ctx), path: '/', maxAge: 60 });
  if (details) setNoticeDetails(c, ctx, details);
}

/** The pending notice, shown once: rendering it removes the cookie from the response being built. */
export function FlashNotice() {
  const c = tryGetContext();
  const name = c ? getCookie(c, NOTICE_COOKIE) : undefined;
  if (!c || !name) return null;
  // Without Secure: a response over HTTPS may delete a Secure cookie, and this one holds only a name.
  deleteCookie(c, NOTICE_COOKIE, { path: '/' });
  dropNoticeDetails(c);
  const site = currentSite();
  const text = Object.hasOwn(NOTICES, name) ? NOTICES[name as NoticeName](site.user?.name, site.noticeDetails ?? {}) : undefined;
  return text ? (
    <p class="notice flash" role="status">
      {text}
    </p>
  ) : null;
}
