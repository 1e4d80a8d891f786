// The feed pages over both dialects: latest day, window URL forms, tabs, neighbours, sort,
// category filter, pagination, empty windows and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCorpus } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const cardIds = (html: string): string[] => [...html.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));

describe.each(DIALECTS)('feed pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, pageCorpus());
  });
  afterAll(async () => t.close());

  const get = async (path: string, init?: RequestInit): Promise<{ status: number; html: string; res: Response }> => {
    const res = await t.app.request(path, init);
    return { status: res.status, html: await res.text(), res };
  };

  it('shows the latest day on the home page, most upvoted first, in the site frame', async () => {
    const { status, html, res } = await get('/');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toMatch(/^<!doctype html><html lang="en"/);
    expect(html).toContain('<h2>Aug 21, 2026</h2>');
    expect(cardIds(html)).toEqual(['2608.00101', '2608.00102', '2608.00103']);
    expect(html).toContain('3 papers');
    expect(html).toContain('<p class="authors-line"><a href="/authors/Ada%20Lovelace">Ada Lovelace</a>, <a href="/authors/Alan%20Turing">Alan Turing</a>, <a href="/authors/Grace%20Hopper">Grace Hopper</a> et al.</p>');
    expect(html).toContain('<a class="org" href="/orgs/named/NVIDIA" title="NVIDIA">NVIDIA</a>');
    expect(html).toContain('3 comments');
    expect(html).toContain('id="site-search"');
    expect(html).toContain('class="skip-link"');
    expect(html).toContain('<footer');
  });

  it('links tabs and neighbouring days, skipping days without papers', async () => {
    const { html } = await get('/');
    expect(html).toContain('<a href="/papers/date/2026-08-21" aria-current="page">Daily</a>');
    expect(html).toContain('href="/papers/week/2026-W34"');
    expect(html).toContain('href="/papers/month/2026-08"');
    expect(html).toMatch(/rel="prev" href="\/papers\/date\/2026-08-19"/);
    expect(html).not.toContain('rel="next"');
    const older = await get('/papers/date/2026-08-19');
    expect(older.html).toMatch(/rel="next" href="\/papers\/date\/2026-08-21"/);
    expect(older.html).toMatch(/rel="prev" href="\/papers\/date\/2026-07-30"/);
    expect(cardIds(older.html)).toEqual(['hep-th/9901001', '2608.00105']);
  });

  it('accepts the week and month URL forms and the query-string forms', async () => {
    const week = await get('/papers/week/2026-W34');
    expect(week.html).toContain('Week 34 of 2026 (Aug 17 – Aug 23)');
    expect(cardIds(week.html)).toHaveLength(5);
    expect(week.html).toContain('<a href="/papers/week/2026-W34" aria-current="page">Weekly</a>');
    const month = await get('/papers/month/2026-08');
    expect(month.html).toContain('<h2>August 2026</h2>');
    expect(month.html).toMatch(/rel="prev" href="\/papers\/month\/2026-07"[^>]*>.*?<span class="nav-text">July 2026<\/span>/);
    expect(cardIds(month.html)).toHaveLength(5);
    expect(cardIds((await get('/?date=2026-08-19')).html)).toEqual(['hep-th/9901001', '2608.00105']);
    expect(cardIds((await get('/?week=2026-W34')).html)).toHaveLength(5);
    expect(cardIds((await get('/?month=2026-07')).html)).toEqual(['2607.00101']);
  });

  it('sorts by trending and keeps the sort in navigation links', async () => {
    const { html } = await get('/papers/month/2026-08?sort=trending');
    expect(html).toMatch(/href="\/papers\/month\/2026-08\?sort=trending" aria-current="page">Trending/);
    expect(html).toMatch(/rel="prev" href="\/papers\/month\/2026-07\?sort=trending"/);
    // Trending favours the newer day: every 2026-08-21 paper ranks above every 2026-08-19 one.
    expect(cardIds(html).slice(0, 3).sort()).toEqual(['2608.00101', '2608.00102', '2608.00103']);
    // Every view offers both sorts, the daily one (and the home page showing it) too.
    expect((await get('/papers/date/2026-08-21')).html).toMatch(/<nav class="tabs" aria-label="Sort"><a href="\/papers\/date\/2026-08-21" aria-current="page">Top<\/a><a href="\/papers\/date\/2026-08-21\?sort=trending">Trending/);
    expect((await get('/')).html).toContain('<nav class="tabs" aria-label="Sort"><a href="/" aria-current="page">Top</a><a href="/?sort=trending">Trending</a></nav>');
    expect((await get('/?sort=trending')).html).toContain('<a href="/?sort=trending" aria-current="page">Trending</a>');
    expect((await get('/papers/week/2026-W34')).html).toContain('href="/papers/week/2026-W34?sort=trending"');
  });

  it('filters by category and passes the filter through', async () => {
    const { html } = await get('/papers/week/2026-W34?cat=cs.RO');
    expect(cardIds(html)).toEqual(['2608.00103']);
    expect(html).toContain('href="/papers/week/2026-W34" title="Remove the category filter"');
    expect(html).toContain('href="/papers/date/2026-08-21?cat=cs.RO"');
    // A card's category filters the view being read, keeping its window and sort.
    const day = await get('/papers/date/2026-08-21');
    expect(day.html).toContain('<a class="category" href="/papers/date/2026-08-21?cat=cs.RO" title="cs.RO papers of Aug 21, 2026"');
    expect((await get('/?sort=trending')).html).toContain('<a class="category" href="/?sort=trending&amp;cat=cs.RO"');
    expect((await get('/papers/week/2026-W34?sort=trending&p=1')).html).toContain('<a class="category" href="/papers/week/2026-W34?sort=trending&amp;cat=cs.RO"');
    expect((await get('/papers/month/2026-08?cat=cs.LG')).html).toContain('<a class="category" href="/papers/month/2026-08?cat=cs.CL"');
    // Elsewhere (search results), that category's papers of the paper's week.
    expect((await get('/papers?q=robot')).html).toContain('<a class="category" href="/papers/week/2026-W34?cat=cs.RO"');
    // The daily view's date field goes to any day (a GET to /?date=), keeping the filter.
    expect(day.html).toContain('<form class="day-picker" method="get" action="/">');
    expect(day.html).toContain('<input id="day-picker" type="date" name="date" value="2026-08-21" max="2026-08-21" required=""/>');
    const filtered = await get('/papers/date/2026-08-21?cat=cs.RO');
    expect(filtered.html).toContain('<input type="hidden" name="cat" value="cs.RO"/>');
    expect(cardIds((await get('/?date=2026-08-21&cat=cs.RO')).html)).toEqual(['2608.00103']);
  });

  it("offers the store's categories in a picker that keeps the view and the sort", async () => {
    const { html } = await get('/papers/week/2026-W34?sort=trending&cat=cs.RO');
    const picker = /<form class="day-picker" method="get" action="\/papers\/week\/2026-W34">.*?<\/form>/s.exec(html)?.[0] ?? '';
    const options = [...picker.matchAll(/<option value="([^"]*)"( selected="")?>/g)].map((m) => `${m[1]}${m[2] ? '*' : ''}`);
    const stored = (await t.database.db.selectFrom('paper_categories').select('category').distinct().execute()).map((r) => r.category).sort();
    expect(options).toEqual(['', ...stored.map((c) => (c === 'cs.RO' ? 'cs.RO*' : c))]);
    expect(picker).toContain('<input type="hidden" name="sort" value="trending"/>');
    // A category no paper has is still offered while it is the filter, so the page says what it shows.
    expect((await get('/papers/week/2026-W34?cat=math.AG')).html).toContain('<option value="math.AG" selected="">math.AG</option>');
  });

  it('says why a category filter can leave a day with papers empty', async () => {
    const note = 'papers known only from Hugging Face have none';
    expect((await get('/papers/week/2026-W34?cat=math.AG')).html).toContain(note);
    expect((await get('/papers/week/2026-W34')).html).not.toContain(note);
  });

  it('says how many papers of the window a category filter cannot keep', async () => {
    // Week 34 holds two papers listed in no category (known only from Hugging Face).
    const { html } = await get('/papers/week/2026-W34?cat=cs.RO');
    expect(cardIds(html)).toEqual(['2608.00103']);
    expect(html).toMatch(/<p class="feed-note">2 more papers this week have no arXiv categories yet \(known only from Hugging Face\), so the filter leaves\s*them out\. <a href="\/papers\/week\/2026-W34">Show all categories<\/a><\/p>/);
    // The day of 2026-08-21 has categories for all of its papers: no note.
    expect((await get('/papers/date/2026-08-21?cat=cs.RO')).html).not.toContain('class="feed-note"');
    expect((await get('/papers/week/2026-W34')).html).not.toContain('class="feed-note"');
    // The picker applies its choice at once where scripts run (its button stays for the rest).
    expect(html).toContain('<select id="cat-picker" name="cat" data-submit-on-change="">');
  });

  it('says when a day is empty and links to the nearest days with papers', async () => {
    const { status, html } = await get('/papers/date/2026-08-20');
    expect(status).toBe(200);
    expect(html).toContain('No papers for Aug 20, 2026');
    expect(html).toContain('href="/papers/date/2026-08-19"');
    expect(html).toContain('href="/papers/date/2026-08-21"');
    const far = await get('/papers/month/2030-01');
    expect(far.html).toContain('No papers for January 2030');
    // An empty month points to the nearest month with papers, in the view it is read in.
    expect(far.html).toContain('Try the nearest months that have papers:');
    expect(far.html).toContain('<a class="button" href="/papers/month/2026-08">');
  });

  it('points an empty day in a category, and its previous and next links, to the nearest days with papers in that category', async () => {
    // Aug 19 has papers, none in cs.RO: the empty Aug 20 points only forward, to Aug 21's.
    const empty = await get('/papers/date/2026-08-20?cat=cs.RO');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('No papers for Aug 20, 2026');
    // Previous and next skip days without cs.RO papers as well: none before, Aug 21 after.
    expect(empty.html).not.toContain('rel="prev"');
    expect(empty.html).toContain('<a class="nav-btn" rel="next" href="/papers/date/2026-08-21?cat=cs.RO" aria-label="Next: Aug 21, 2026">');
    expect((await get('/papers/date/2026-08-21?cat=cs.RO')).html).not.toContain('rel="prev"');
    expect((await get('/papers/date/2026-08-21')).html).toContain('<a class="nav-btn" rel="prev" href="/papers/date/2026-08-19"');
    const suggested = (html: string) => html.slice(html.indexOf('<div class="empty">'));
    expect(suggested(empty.html)).toContain('Try the nearest days that have cs.RO papers:');
    expect(suggested(empty.html)).toContain('href="/papers/date/2026-08-21?cat=cs.RO"');
    expect(suggested(empty.html)).not.toContain('href="/papers/date/2026-08-19?cat=cs.RO"');
    expect(suggested((await get('/papers/date/2026-08-25?cat=cs.RO')).html)).toContain('href="/papers/date/2026-08-21?cat=cs.RO"');
    // A category no paper has: no day to suggest, and the store is not said to be empty.
    const none = await get('/papers/date/2026-08-20?cat=math.AG');
    expect(none.html).toContain('No other day has math.AG papers.');
    expect(suggested(none.html)).not.toContain('?cat=math.AG"');
    expect(none.html).not.toContain('The store holds no papers yet');
    expect(none.html).toContain('Show all categories');
  });

  it('renders bad window keys and parameters as a 400 page in the site frame', async () => {
    for (const path of ['/papers/date/2026-13-45', '/papers/week/2026-W99', '/papers/month/nope', '/?sort=bogus', '/?p=0', '/?cat=%3Cscript%3E']) {
      const { status, html } = await get(path);
      expect(status, path).toBe(400);
      expect(html).toContain('<header class="site-header">');
      expect(html).not.toContain('<script>');
    }
  });

  it('moves a page address with a trailing slash to the address without it, keeping the query', async () => {
    const moved = async (path: string, init?: RequestInit) => {
      const res = await t.app.request(path, init);
      return { status: res.status, location: res.headers.get('location') };
    };
    expect(await moved('/papers/date/2026-08-21/?sort=trending&cat=cs.LG')).toEqual({ status: 301, location: '/papers/date/2026-08-21?sort=trending&cat=cs.LG' });
    expect(await moved('/papers/2608.00101/')).toEqual({ status: 301, location: '/papers/2608.00101' });
    expect(await moved('/papers/hep-th/9901001//')).toEqual({ status: 301, location: '/papers/hep-th/9901001' });
    expect(await moved('/orgs/', { method: 'HEAD' })).toEqual({ status: 301, location: '/orgs' });
    // Never a Location naming another site, never a form's body dropped, and the API as it was.
    expect((await moved('//example.com/')).location).toBeNull();
    expect((await moved('/papers/2608.00101/', { method: 'POST' })).status).not.toBe(301);
    expect((await moved('/api/papers/2608.00101/')).status).not.toBe(301);
    expect((await get('/papers/date/2026-08-21')).status).toBe(200);
  });

  it("moves Hugging Face's daily, weekly and monthly addresses and its trending page to this site's", async () => {
    const moved = async (path: string) => {
      const res = await t.app.request(path);
      return { status: res.status, location: res.headers.get('location') };
    };
    expect(await moved('/papers?date=2026-08-20')).toEqual({ status: 301, location: '/papers/date/2026-08-20' });
    expect(await moved('/papers?date=2026-08-20&cat=cs.LG&sort=trending&p=2')).toEqual({ status: 301, location: '/papers/date/2026-08-20?sort=trending&cat=cs.LG&p=2' });
    expect(await moved('/papers?week=2026-W34&sort=upvotes')).toEqual({ status: 301, location: '/papers/week/2026-W34' });
    expect(await moved('/papers?month=2026-08&q=')).toEqual({ status: 301, location: '/papers/month/2026-08' });
    // With a search, the search page as before.
    expect((await moved('/papers?date=2026-08-20&q=decoding')).status).toBe(200);
    expect(await moved('/papers/trending')).toEqual({ status: 302, location: '/papers/week/2026-W34?sort=trending' });
    expect(await moved('/papers/trending?cat=cs.LG')).toEqual({ status: 302, location: '/papers/week/2026-W34?sort=trending&cat=cs.LG' });
  });

  it('renders the theme the visitor chose, from the cookie', async () => {
    expect((await get('/', { headers: { Cookie: 'theme=dark' } })).html).toContain('<html lang="en" data-theme="dark">');
    expect((await get('/', { headers: { Cookie: 'theme=evil"' } })).html).toContain('<html lang="en">');
  });
});

describe.each(DIALECTS)('feed navigation across a year (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2512.00001', feedDate: '2025-12-24' }),
      paperInput({ id: '2512.00002', feedDate: '2025-12-31' }),
      paperInput({ id: '2601.00003', feedDate: '2026-01-07' }),
    ]);
  });
  afterAll(async () => t.close());

  const navText = async (path: string): Promise<Record<string, string | undefined>> => {
    const html = await (await t.app.request(path)).text();
    const text = (rel: string) => new RegExp(`rel="${rel}"[^>]*>.*?<span class="nav-text">([^<]*)</span>`).exec(html)?.[1];
    return { prev: text('prev'), next: text('next') };
  };

  it("names a neighbour's year when it is not the shown window's", async () => {
    // 2026-W01 runs from Dec 29, 2025: its year is the week's, 2026.
    expect(await navText('/papers/week/2026-W01')).toEqual({ prev: 'Week 52, 2025', next: 'Week 2' });
    expect(await navText('/papers/week/2025-W52')).toEqual({ prev: undefined, next: 'Week 1, 2026' });
    expect(await navText('/papers/date/2025-12-31')).toEqual({ prev: 'Dec 24', next: 'Jan 7, 2026' });
    expect(await navText('/papers/month/2026-01')).toEqual({ prev: 'December 2025', next: undefined });
  });
});

describe.each(DIALECTS)('feed pagination (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    const day = Array.from({ length: 5 }, (_, i) => paperInput({ id: `2608.0020${i}`, title: `Paged paper ${i}`, feedDate: '2026-08-21', upvotes: 50 - i }));
    t = await createTestApp(dialect, day, { PAGE_SIZE: '2' });
  });
  afterAll(async () => t.close());

  it('pages through a day with previous and next page links', async () => {
    const first = await (await t.app.request('/')).text();
    expect(cardIds(first)).toEqual(['2608.00200', '2608.00201']);
    expect(first).toContain('Page 1 of 3');
    expect(first).toMatch(/rel="next" href="\/\?p=2"/);
    const second = await (await t.app.request('/?p=2')).text();
    expect(cardIds(second)).toEqual(['2608.00202', '2608.00203']);
    expect(second).toMatch(/rel="prev" href="\/"/);
    expect(second).toMatch(/rel="next" href="\/\?p=3"/);
    const past = await (await t.app.request('/?p=9')).text();
    expect(past).toContain('No papers on this page');
    expect(past).toContain('The last page is <a href="/?p=3">3</a>.');
    expect(cardIds(past)).toEqual([]);
    const pastMonth = await (await t.app.request('/papers/month/2026-08?p=99&sort=trending')).text();
    expect(pastMonth).toContain('The last page is <a href="/papers/month/2026-08?sort=trending&amp;p=3">3</a>.');
  });
});
