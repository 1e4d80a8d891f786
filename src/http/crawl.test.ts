/**
 * No URL a browser or a script can request answers 500. Over a small but complete store, on every
 * dialect: a breadth-first crawl of every same-site link (and announced feed) as a visitor, a
 * signed-in user and an administrator, checking every answer; then every GET route of the pages,
 * the feeds and the JSON API requested with hostile values in each query parameter and path
 * segment, checking that each answer is a clear 4xx (an HTML error page, or the API's JSON error)
 * or a success, never a 5xx, and never a reflected, unescaped script. None of those GETs changes
 * anything people did or own (accounts, sessions, votes, comments, collections, claims, audit log…).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignOrgPapers } from '../actions/organizations.ts';
import { createCollection } from '../actions/collections.ts';
import { followForUser } from '../actions/follow.ts';
import { moderatePaper, moderateUser } from '../actions/moderation.ts';
import { pageClient, type PageClient } from '../../test/client.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { fillStore, type FullStore } from '../../test/full-store.ts';
import { paperInput } from '../../test/papers.ts';
import { person } from '../../test/signed-in.ts';

/**
 * The GET routes, as Hono spells them (`:id+` may hold slashes), with the query parameters each
 * reads and an address to start from when the crawl meets none (`COLLECTION` is a collection's id).
 */
const ROUTES: [template: string, params: string[], example: string][] = [
  ['/', ['date', 'week', 'month', 'sort', 'p', 'limit', 'cat'], '/'],
  ['/papers/date/:key', ['sort', 'p', 'limit', 'cat'], '/papers/date/2026-08-21'],
  ['/papers/week/:key', ['sort', 'p', 'limit', 'cat'], '/papers/week/2026-W34'],
  ['/papers/month/:key', ['sort', 'p', 'limit', 'cat'], '/papers/month/2026-08'],
  ['/papers', ['q', 'p', 'offset', 'limit', 'cat', 'sort', 'fragment'], '/papers?q=decoding'],
  ['/papers/:id+', [], '/papers/2608.00101'],
  ['/authors/:name', ['p'], '/authors/Ada%20Lovelace'],
  ['/orgs', [], '/orgs'],
  ['/orgs/named/:name', ['p'], '/orgs/named/NVIDIA'],
  ['/orgs/:handle', ['p'], '/orgs/lab'],
  ['/users/:handle', [], '/users/alice-author'],
  ['/users/:handle/:list', ['p'], '/users/alice-author/comments'],
  ['/collections', [], '/collections'],
  ['/collections/:id', ['saved'], '/collections/COLLECTION'],
  ['/submit', ['already', 'submitted'], '/submit'],
  ['/settings', ['saved'], '/settings'],
  ['/signin', ['next', 'reset'], '/signin'],
  ['/signup', ['next'], '/signup'],
  ['/reset', ['email'], '/reset'],
  ['/reset/:token', [], '/reset/x'],
  ['/verify/:token', [], '/verify/x'],
  ['/email/confirm/:token', [], '/email/confirm/x'],
  ['/subscribe', [], '/subscribe'],
  ['/subscribe/confirm/:token', [], '/subscribe/confirm/x'],
  ['/subscription/:token', ['followed', 'started', 'back', 'saved'], '/subscription/x'],
  ['/digest', [], '/digest'],
  ['/follow', ['kind', 'value', 'back'], '/follow?kind=author&value=Ada%20Lovelace'],
  ['/unsubscribe/:token', [], '/unsubscribe/x'],
  ['/reply-mails/off/:token', [], '/reply-mails/off/x'],
  ['/comments/:id/edit', [], '/comments/x/edit'],
  ['/claims', [], '/claims'],
  ['/moderation', ['done'], '/moderation'],
  ['/admin', [], '/admin'],
  ['/admin/ingest', [], '/admin/ingest'],
  ['/admin/users', ['q', 'role', 'status', 'p'], '/admin/users'],
  ['/admin/users/:handle/delete', ['back'], '/admin/users/bob-reader/delete'],
  ['/assets/:name+', ['v'], '/assets/app.css'],
  ['/feeds/daily.:format', ['cat'], '/feeds/daily.atom'],
  ['/feeds/weekly.:format', ['cat'], '/feeds/weekly.atom'],
  ['/feeds/monthly.:format', ['cat'], '/feeds/monthly.atom'],
  ['/feeds/trending.:format', ['cat'], '/feeds/trending.atom'],
  ['/feeds/search.:format', ['q', 'cat'], '/feeds/search.atom?q=decoding'],
  ['/feeds/author.:format', ['name'], '/feeds/author.atom?name=Ada%20Lovelace'],
  ['/feeds/organization.:format', ['handle', 'name'], '/feeds/organization.atom?handle=lab'],
  ['/feeds/:file', [], '/feeds/daily.rss'],
  ['/api/daily_papers', ['date', 'week', 'month', 'sort', 'p', 'limit', 'cat'], '/api/daily_papers'],
  ['/api/papers/search', ['q', 'limit', 'offset', 'cat', 'sort'], '/api/papers/search?q=decoding'],
  ['/api/papers/:id+/comments', [], '/api/papers/2608.00101/comments'],
  ['/api/papers/:id+', [], '/api/papers/2608.00101'],
  ['/api/orgs', [], '/api/orgs'],
  ['/api/orgs/named/:name', ['p', 'limit'], '/api/orgs/named/NVIDIA'],
  ['/api/orgs/:handle', ['p', 'limit'], '/api/orgs/lab'],
  ['/api/authors/:name', ['p', 'limit'], '/api/authors/Ada%20Lovelace'],
  ['/api/users/:handle', [], '/api/users/alice-author'],
  ['/api/users/:handle/:list', ['p', 'limit'], '/api/users/alice-author/comments'],
  ['/api/orgs/:handle/invitations', [], '/api/orgs/lab/invitations'],
  ['/api/account/invitations', [], '/api/account/invitations'],
  ['/api/account/reply-mails', [], '/api/account/reply-mails'],
  ['/api/collections', [], '/api/collections'],
  ['/api/collections/:id', [], '/api/collections/COLLECTION'],
  ['/api/admin/users', ['q', 'role', 'status', 'p'], '/api/admin/users'],
];

interface Route {
  template: string;
  params: string[];
  example: string;
  pattern: RegExp;
}

const COMPILED: Route[] = ROUTES.map(([template, params, example]) => ({
  template,
  params,
  example,
  pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/:\w+\+/g, '(.+)').replace(/:\w+/g, '([^/]+)')}$`),
}));

/** The route a path belongs to, if any. */
function routeOf(path: string): Route | undefined {
  return COMPILED.find((r) => r.pattern.test(path));
}

/** Hostile values, written as they go into a URL (percent-escapes as they are). */
const HOSTILE: string[] = [
  '',
  'x'.repeat(10 * 1024),
  '%00',
  'a%00b',
  '%C3%28',
  '%FF',
  '%',
  encodeURIComponent('../../etc/passwd'),
  encodeURIComponent(`"'\`); --`),
  encodeURIComponent('<script>alert("pb")</script>'),
  encodeURIComponent('📄🔥'),
  '-1',
  '0',
  '1.5',
  '-99999999999999999999',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '2026-02-30',
  '9999-99-99',
  '2024-02-29',
  '2025-02-29',
  '0000-01-01',
  '275760-09-14',
  '2026-W99',
  '2026-W00',
  '2025-W53',
  '2026-W53',
  '2026-13',
  '2026-00',
  '9007199254740993',
  '10001',
];

/** Query parameter names that are not names (or are the names of an object's own machinery). */
const STRANGE_NAMES = ['', '%00', '%FF', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'p%5B%5D', encodeURIComponent('<script>alert("pb")</script>')];

/** What a hostile script marker looks like if a page reflects it unescaped. */
const REFLECTED = /<script>alert\("pb"\)/i;

/** An address with its query parameters sorted, so that one page is visited once. */
function normalise(url: URL): string {
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const q = new URLSearchParams(params).toString();
  return url.pathname + (q ? `?${q}` : '');
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>' };

/** The same-site addresses an HTML page links to (href and src), sign-out left out. */
function linksIn(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = (m[1] ?? '').replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, e: string) => ENTITIES[e] ?? '');
    if (!raw.startsWith('/') && !raw.startsWith(base)) continue;
    if (raw.startsWith('//')) continue;
    const url = new URL(raw, base);
    if (url.origin !== base || url.pathname === '/signout') continue;
    out.push(normalise(url));
  }
  return out;
}

const h1Count = (html: string): number => (html.match(/<h1[\s>]/g) ?? []).length;

/** A whole page with exactly one <h1>, which says something. */
const headedPage = (html: string): boolean => h1Count(html) === 1 && /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]*>/g, '').trim() !== '';

interface Visited {
  status: number;
  type: string;
  from: string;
}

/** Breadth-first crawl from `/`, at most `limit` addresses; follows links and redirects. */
async function crawl(get: (path: string) => Promise<Response>, base: string, limit: number): Promise<{ seen: Map<string, Visited>; problems: string[] }> {
  const seen = new Map<string, Visited>();
  const queue: [string, string][] = [['/', '(start)']];
  const queued = new Set<string>(['/']);
  const problems: string[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const [path, from] = queue.shift() as [string, string];
    const res = await get(path);
    const type = res.headers.get('content-type') ?? '';
    seen.set(path, { status: res.status, type, from });
    const body = await res.text();
    const next: string[] = [];
    if (res.status >= 500) problems.push(`${res.status} ${path} (linked from ${from})`);
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get('location');
      if (to) next.push(...linksIn(` href="${to.replace(/&/g, '&amp;')}"`, base));
    }
    // The hostile paper's script tags (test/app.ts) come out as text in pages and feeds alike. An
    // RSS title is plain text (CDATA), where a reader shows "<script>" as typed: not markup.
    const markup = type.includes('rss') ? body.replace(/<title><!\[CDATA\[[\s\S]*?\]\]><\/title>/g, '') : body;
    if (/html|xml/.test(type) && /<script>window\.__xss/.test(markup)) problems.push(`unescaped script on ${path}`);
    if (type.includes('text/html')) {
      const fragment = new URL(path, base).searchParams.get('fragment') === '1';
      if (!fragment && !headedPage(body)) problems.push(`${h1Count(body)} <h1> on ${path}`);
      next.push(...linksIn(body, base));
    }
    for (const link of next) {
      if (queued.has(link)) continue;
      queued.add(link);
      queue.push([link, path]);
    }
  }
  return { seen, problems };
}

/** The addresses that put each hostile value in each path segment and query parameter of one address. */
function variants(example: string, route: Route): string[] {
  const url = new URL(example, 'http://paperboy.test');
  const path = url.pathname;
  const out = new Set<string>();
  const spans: [number, number][] = [];
  let at = 0;
  for (const segment of path.split('/')) {
    if (at > 0) spans.push([at, at + segment.length]);
    at += segment.length + 1;
  }
  const indices = new RegExp(route.pattern.source, 'd').exec(path)?.indices ?? [];
  for (const span of indices.slice(1)) if (span) spans.push(span);
  const query = url.search;
  for (const [from, to] of spans) for (const value of HOSTILE) out.add(path.slice(0, from) + value + path.slice(to) + query);
  out.add(`${path}/${query}`);
  for (const name of STRANGE_NAMES) out.add(`${path}?${name}=1${query.replace('?', '&')}`);
  const params = [...new Set([...url.searchParams.keys(), ...route.params])];
  for (const param of params) {
    const others = [...url.searchParams].filter(([k]) => k !== param);
    const rest = others.length ? `&${new URLSearchParams(others).toString()}` : '';
    for (const value of HOSTILE) out.add(`${path}?${param}=${value}${rest}`);
    out.add(`${path}?${param}=1&${param}=2${rest}`);
  }
  return [...out];
}

/** What is wrong with an answer to a hostile address, if anything. */
async function judge(path: string, res: Response): Promise<string | undefined> {
  const type = res.headers.get('content-type') ?? '';
  const body = await res.text();
  const where = `${res.status} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`;
  if (res.status >= 500) return `${where}: ${body.slice(0, 300)}`;
  const location = res.headers.get('location');
  if (location !== null && !/^\/(?![/\\])/.test(location)) return `${where}: redirects off the site, to ${location.slice(0, 100)}`;
  if (path.startsWith('/api/')) {
    // JSON is never rendered as a page (nosniff), so a title holding a script tag comes back as sent.
    if (!type.startsWith('application/json') || res.headers.get('x-content-type-options') !== 'nosniff') return `${where}: not JSON (${type})`;
    if (res.status >= 400) {
      const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string') return `${where}: not an API error: ${body.slice(0, 200)}`;
    }
    return undefined;
  }
  if (REFLECTED.test(body)) return `${where}: the script comes back unescaped`;
  // A refusal is a page in the site's frame whose one heading says what went wrong: the error page,
  // or the page that was asked for, saying why (a link that does not work, a form's mistake).
  if (res.status >= 400 && (!type.startsWith('text/html') || !headedPage(body))) return `${where}: not an error page (${type}): ${body.slice(0, 120)}`;
  if (res.status === 200 && type.startsWith('text/html') && !/[?&]fragment=1(&|$)/.test(path) && !headedPage(body)) return `${where}: ${h1Count(body)} <h1>`;
  return undefined;
}

/** The most addresses one visitor's crawl requests. */
const CRAWL_LIMIT = 400;

/** The tables of what people do and own; a GET must change none of them. */
const PEOPLES_TABLES = [
  'users', 'sessions', 'password_resets', 'email_changes', 'api_tokens', 'votes', 'comments', 'submissions', 'organizations', 'org_members',
  'org_invitations', 'collections', 'collection_items', 'author_claims', 'audit_log', 'subscribers', 'subscriber_follows', 'reply_mail_settings',
] as const;

/** Every row of those tables, and each paper's counts and visibility, in a fixed order. */
async function peoplesState(t: TestApp): Promise<Record<string, string[]>> {
  const db = t.database.db;
  const out: Record<string, string[]> = {};
  for (const table of PEOPLES_TABLES) out[table] = (await db.selectFrom(table as 'users').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  out['papers'] = (await db.selectFrom('papers').select(['id', 'upvotes', 'comments', 'hidden', 'feed_date', 'submitted_by']).execute()).map((r) => JSON.stringify(r)).sort();
  return out;
}

describe.each(DIALECTS)('every address answers without a 5xx (%s)', (dialect) => {
  let t: TestApp;
  let store: FullStore;
  let anonymous: PageClient;
  let before: Record<string, string[]>;
  const crawled = new Map<string, Map<string, Visited>>();

  beforeAll(async () => {
    // Two papers a page, so that every list has pages to follow.
    t = await createTestApp(dialect, [], { SEARCH_RATE_LIMIT: '0', PAGE_SIZE: '2' });
    store = await fillStore(t);
    const db = t.database.db;
    await t.add([paperInput({ id: '2608.00199', title: 'A paper a moderator hid', feedDate: '2026-08-21' })]);
    await moderatePaper(db, store.admin.user, { paperId: '2608.00199', hide: true, reason: 'spam' }, TEST_NOW);
    await moderateUser(db, store.admin.user, { handle: (await person(t, 'Mallory Banned')).user.handle, ban: true }, TEST_NOW);
    await assignOrgPapers(db, store.admin.user, 'lab', ['2608.00102'], TEST_NOW);
    await createCollection(db, store.alice.user, { name: 'Private notes', public: false }, TEST_NOW);
    await followForUser(db, store.alice.user, { kind: 'author', value: 'Grace Hopper' }, TEST_NOW);
    anonymous = pageClient(t.app, { ip: '192.0.2.10' });
    before = await peoplesState(t);
  });
  afterAll(async () => t?.close());

  const visitors = ['anonymous', 'user', 'admin'] as const;
  const clientOf = (who: (typeof visitors)[number]): PageClient => (who === 'anonymous' ? anonymous : who === 'user' ? store.alice.b : store.admin.b);

  it.each(visitors)('a crawl as %s meets no 5xx, no page without one <h1>, no broken link', async (who) => {
    const { seen, problems } = await crawl((path) => clientOf(who).get(path), t.ctx.baseUrl, CRAWL_LIMIT);
    crawled.set(who, seen);
    // The crawl ends on its own, well past the pages every visitor has, so nothing it could reach went unchecked.
    expect(seen.size).toBeGreaterThan(150);
    expect(seen.size).toBeLessThan(CRAWL_LIMIT);
    const broken = [...seen]
      .filter(([, v]) => v.status === 404)
      .map(([path, v]) => `${path} (linked from ${v.from})`)
      .sort();
    const unknown = [...seen.keys()].filter((path) => !routeOf(new URL(path, t.ctx.baseUrl).pathname));
    expect(problems).toEqual([]);
    expect(broken).toEqual([]);
    expect(unknown).toEqual([]);
    if (who === 'admin') {
      for (const page of ['/admin', '/admin/users', '/moderation', '/admin/ingest']) expect(seen.get(page)?.status, page).toBe(200);
      // What moderation took away stays open to the staff whose pages link it.
      for (const page of ['/papers/2608.00199', '/users/mallory-banned']) expect(seen.get(page)?.status, page).toBe(200);
    }
  });

  it.each(visitors)('hostile values in every address, as %s, answer a clear 4xx or a page, never a 5xx', async (who) => {
    const met = [...crawled.values()].flatMap((seen) => [...seen.keys()]);
    const collection = (await t.database.db.selectFrom('collections').select('id').where('name', '=', 'Reading').executeTakeFirstOrThrow()).id;
    const problems: string[] = [];
    let sent = 0;
    for (const route of COMPILED) {
      const example = met.find((path) => routeOf(new URL(path, t.ctx.baseUrl).pathname) === route) ?? route.example.replace('COLLECTION', collection);
      for (const path of variants(example, route)) {
        sent++;
        const problem = await judge(path, await clientOf(who).get(path));
        if (problem) problems.push(problem);
      }
    }
    expect(sent).toBeGreaterThan(5000);
    expect(problems).toEqual([]);
  });

  // State changes are POSTs (or API calls with a token): all the GETs above, signed in or not, left everything people did as it was.
  it('changed nothing people did or own with any of those GETs', async () => {
    expect(crawled.size).toBe(visitors.length);
    expect(await peoplesState(t)).toEqual(before);
  });
});
