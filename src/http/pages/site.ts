/**
 * What every page's frame needs to know about the site and the visitor: the site name and the
 * theme the visitor chose (from the `theme` cookie, so the server renders it without a flash).
 * The error page is rendered by the app-wide error handler, which does not pass these, so page
 * routes also keep them in hono's context storage for it to find.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { tryGetContext } from 'hono/context-storage';
import type { AppContext } from '../context.ts';
import { type NoticeDetails, noticeDetailsOf } from './notice-details.ts';

export type Theme = 'light' | 'dark';

export interface Site {
  name: string;
  /** The visitor's explicit choice; absent means follow prefers-color-scheme. */
  theme?: Theme;
  /** The search box's current text. */
  query?: string;
  /** The signed-in visitor. */
  user?: { handle: string; name: string; role: string };
  /** The value every form must carry in its `_csrf` field. */
  csrf?: string;
  /** The particulars of the one-time notice this page shows, when it names someone (notice-details.ts). */
  noticeDetails?: NoticeDetails;
}

const FALLBACK: Site = { name: 'Paperboy' };

type SiteEnv = { Variables: { site?: Site } };

/** The site as a request sees it. */
export function siteOf(c: Context, ctx: AppContext): Site {
  const cookie = getCookie(c, 'theme');
  const user = c.get('user');
  const csrf = c.get('csrf');
  const noticeDetails = noticeDetailsOf(c, ctx);
  return {
    name: ctx.config.siteName,
    ...(cookie === 'light' || cookie === 'dark' ? { theme: cookie } : {}),
    ...(user ? { user: { handle: user.handle, name: user.name, role: user.role } } : {}),
    ...(csrf ? { csrf } : {}),
    ...(noticeDetails ? { noticeDetails } : {}),
  };
}

/** Middleware that records the site for this request (see currentSite). */
export function rememberSite(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    (c as unknown as Context<SiteEnv>).set('site', siteOf(c, ctx));
    await next();
  };
}

/** The site recorded for the current request, or a neutral default outside of one. */
export function currentSite(): Site {
  const c = tryGetContext<SiteEnv>();
  return c?.var.site ?? FALLBACK;
}
