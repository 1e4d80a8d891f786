/**
 * RSS and Atom feeds: `/feeds/{daily,weekly,monthly,trending}.{atom,rss}` (with `?cat=`),
 * `/feeds/search.atom?q=…`, `/feeds/organization.atom?handle=…` (or `?name=…`) and
 * `/feeds/author.atom?name=…`.
 * Every feed answers conditional GETs: a validator (count and latest updated_at of what the feed
 * covers) is read first, and an unchanged feed is a 304 without building anything. A search feed's
 * validator is its own results (their ids, in order, and when each last changed): the search runs
 * in memory, and its papers are read by id, so a poll never counts the whole store.
 */
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { parseCategory } from '../../actions/feed.ts';
import { searchPapers } from '../../actions/search-papers.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { isoDate, shiftWindow, type WindowKind, windowContaining } from '../../core/feed-window.ts';
import { nameKey, type Paper } from '../../core/paper.ts';
import { type FeedFilter, feedPapers, feedValidator, listValidator } from '../../db/feed-queries.ts';
import { findOrganization, findOrganizationByName } from '../../db/organizations.ts';
import { latestFeedDate } from '../../db/papers.ts';
import type { AppContext } from '../context.ts';
import { authorFeedPath, feedPathFor, namedOrgFeedPath, orgFeedPath } from '../pages/feed-links.tsx';
import { type FeedFormat, renderFeed } from './build.ts';

const WINDOWS: Record<string, WindowKind> = { daily: 'day', weekly: 'week', monthly: 'month' };
const LIMIT = 50;
/** Most papers in the daily feed: its newest days whole, the oldest of its seven cut short on a busy week. */
export const DAILY_LIMIT = 100;

interface FeedPlan {
  title: string;
  description: string;
  page: string;
  /** Identifies the feed's content in the ETag besides the validator. */
  key: string;
  /**
   * The feed's address without its extension, as the pages link to it (feed-links.tsx): its own
   * parameters only, in one order and encoding, whatever else or however the reader's address has
   * them, so the feed's id and self links stay the same for `?utm_source=x&q=a` and `?q=a`, or
   * `cat=cs.lg` and `cat=cs.LG`.
   */
  path: string;
  /** The papers the feed draws from, whose count and latest change validate it; none for a search feed, validated by its results. */
  filter?: FeedFilter;
  papers(): Promise<Paper[]>;
}

/** Feed routes. */
export function feedRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  const plan = async (c: Context, name: string): Promise<FeedPlan | undefined> => {
    const site = ctx.config.siteName;
    const cat = parseCategory(c.req.query('cat'));
    const catQ = cat ? `?cat=${encodeURIComponent(cat)}` : '';
    const kind = WINDOWS[name];
    if (kind || name === 'trending') {
      const latest = (await latestFeedDate(db, isoDate(ctx.now().getTime()))) ?? isoDate(ctx.now().getTime());
      const cur = windowContaining(kind ?? 'week', latest);
      // The current window and the one before (a week of days for the daily feed, up to
      // DAILY_LIMIT papers, newest day first), so a reader that polls less often than once a period
      // still misses nothing, unless a week brings more than DAILY_LIMIT papers.
      const from = kind === 'day' ? isoDate(Date.parse(`${cur.from}T00:00:00Z`) - 6 * 86_400_000) : shiftWindow(cur, -1).from;
      const filter: FeedFilter = { from, to: cur.to, ...(cat ? { category: cat } : {}) };
      const label = kind ? `${name[0]!.toUpperCase()}${name.slice(1)} papers` : 'Trending papers';
      return {
        title: `${site}: ${label}${cat ? ` in ${cat}` : ''}`,
        description: kind ? `The ${name} papers, most upvoted first within each ${kind}.` : 'Papers trending over the last two weeks.',
        page: `${ctx.baseUrl}/${kind ? `papers/${kind === 'day' ? 'date' : kind}/${cur.key}` : ''}${catQ}`,
        key: `${name}|${cat ?? ''}|${filter.from}`,
        path: feedPathFor({ ...(kind ? { kind } : { trending: true }), category: cat }),
        filter,
        papers: () => feedPapers(db, filter, kind === 'day' ? 'newest' : kind ? 'upvotes' : 'trending', kind === 'day' ? DAILY_LIMIT : LIMIT),
      };
    }
    if (name === 'search') {
      const q = (c.req.query('q') ?? '').slice(0, 1000);
      if (!q.trim()) throw badRequest('missing_query', 'A search feed needs ?q=');
      return {
        title: `${site}: “${q}”`,
        description: `New papers matching “${q}”.`,
        page: `${ctx.baseUrl}/papers?q=${encodeURIComponent(q)}${cat ? `&cat=${encodeURIComponent(cat)}` : ''}`,
        key: `search|${q}|${cat ?? ''}`,
        path: feedPathFor({ query: q, category: cat }),
        // Newest first, as the search page sorts on request: a reader wants the papers that
        // appeared since its last poll at the top.
        papers: async () => (await searchPapers(db, ctx.search, { query: q, limit: LIMIT, offset: 0, sort: 'newest', ...(cat ? { category: cat } : {}) })).papers,
      };
    }
    if (name === 'organization') {
      // ?handle= is an organization page's feed; ?name= any organization name. Either way, the
      // papers assigned to the organization and those naming it, as on its page.
      const handle = (c.req.query('handle') ?? '').trim().slice(0, 100);
      const named = (c.req.query('name') ?? '').trim().slice(0, 200);
      if (!handle && !named) throw badRequest('missing_name', 'An organization feed needs ?handle= or ?name=');
      const org = handle ? await findOrganization(db, handle) : await findOrganizationByName(db, named);
      if (handle && !org) throw notFound('There is no such organization.');
      const who = org?.name ?? named;
      const filter: FeedFilter = org ? { orgHandle: org.handle, organization: org.name } : { organization: named };
      return {
        title: `${site}: papers from ${who}`,
        description: `The latest papers from ${who}.`,
        page: org ? `${ctx.baseUrl}/orgs/${org.handle}` : `${ctx.baseUrl}/orgs/named/${encodeURIComponent(who)}`,
        key: `organization|${org ? `@${org.handle}` : nameKey(named)}`,
        path: org && handle ? orgFeedPath(org.handle) : namedOrgFeedPath(named),
        filter,
        papers: () => feedPapers(db, filter, 'newest', LIMIT),
      };
    }
    if (name === 'author') {
      const who = (c.req.query('name') ?? '').trim().slice(0, 200);
      if (!who) throw badRequest('missing_name', 'An author feed needs ?name=');
      const filter: FeedFilter = { author: who };
      return {
        title: `${site}: papers by ${who}`,
        description: `The latest papers by ${who}.`,
        page: `${ctx.baseUrl}/authors/${encodeURIComponent(who)}`,
        key: `author|${nameKey(who)}`,
        path: authorFeedPath(who),
        filter,
        papers: () => feedPapers(db, filter, 'newest', LIMIT),
      };
    }
    return undefined;
  };

  app.get('/feeds/:file', async (c) => {
    const m = /^([a-z]+)\.(atom|rss)$/.exec(c.req.param('file'));
    const p = m ? await plan(c, m[1]!) : undefined;
    if (!m || !p) throw notFound('There is no feed at this address.');
    const format = m[2] as FeedFormat;
    const listed = p.filter ? undefined : await p.papers();
    const v = p.filter ? await feedValidator(db, p.filter) : await listValidator(db, listed!.map((x) => x.id));
    const etag = `W/"${createHash('sha1').update(`${format}|${p.key}|${'count' in v ? v.count : v.version}|${v.lastModified ?? ''}`).digest('base64url')}"`;
    const lastModified = v.lastModified ? new Date(v.lastModified) : new Date(0);
    c.header('ETag', etag);
    c.header('Last-Modified', lastModified.toUTCString());
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Vary', 'Accept-Encoding');
    if (notModified(c, etag, lastModified)) return c.body(null, 304);
    const papers = listed ?? (await p.papers());
    const q = p.path.indexOf('?');
    const [self, query] = q < 0 ? [`${ctx.baseUrl}${p.path}`, ''] : [`${ctx.baseUrl}${p.path.slice(0, q)}`, p.path.slice(q)];
    const body = renderFeed(format, { title: p.title, description: p.description, page: p.page, self, query, updated: lastModified }, papers, ctx.baseUrl, ctx.config.siteName);
    c.header('Content-Type', format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8');
    return c.body(body);
  });
  return app;
}

/** RFC 9110: If-None-Match wins; If-Modified-Since only counts without it. */
function notModified(c: Context, etag: string, lastModified: Date): boolean {
  const inm = c.req.header('if-none-match');
  if (inm) return inm.split(',').some((t) => t.trim() === etag || t.trim() === '*' || t.trim() === etag.slice(2));
  const ims = c.req.header('if-modified-since');
  const since = ims ? Date.parse(ims) : NaN;
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** The feeds a page announces: its Atom and RSS URLs (site-relative). */
export function feedLinks(path: string, title: string): { title: string; href: string; type: 'atom' | 'rss' }[] {
  const [base, query] = path.split('?');
  const q = query ? `?${query}` : '';
  return [
    { title: `${title} (Atom)`, href: `${base}.atom${q}`, type: 'atom' },
    { title: `${title} (RSS)`, href: `${base}.rss${q}`, type: 'rss' },
  ];
}
