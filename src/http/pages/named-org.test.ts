// Organization names over both dialects: on cards and paper pages a name links to its organization's
// page when one exists (assigned, or an organization of that name in any case), else to
// `/orgs/named/:name`, the papers naming it (totals, paging, feed links, follow button, JSON API);
// `/orgs` lists the names papers use most, with counts, so it is never empty while papers exist;
// the create form's pattern compiles under the `v` flag; hostile names are escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';
import { assignPapers, insertOrganization } from '../../db/organizations.ts';

const XSS = '<img src=x onerror="alert(1)"> & Co/Lab';
const cardIds = (html: string): string[] => [...html.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));
/** The names /orgs lists under "Named most often on papers", with their links and counts. */
const namedList = (html: string): string[] => {
  const section = html.slice(html.indexOf('<ul class="named-orgs">'), html.indexOf('</ul>', html.indexOf('<ul class="named-orgs">')));
  return [...section.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> <span class="muted">(\d+) papers?<\/span><\/li>/g)].map((m) => `${m[2]} ${m[1]} ${m[3]}`);
};

describe.each(DIALECTS)('organization names (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00001', title: 'Speculative decoding with trees', feedDate: '2026-08-21', upvotes: 50, organization: 'DeepMind' }),
      paperInput({ id: '2608.00002', title: 'Protein folding', feedDate: '2026-08-20', upvotes: 20, organization: 'deepmind' }),
      paperInput({ id: '2608.00003', title: 'Games', feedDate: '2026-08-19', upvotes: 5, organization: 'DeepMind' }),
      paperInput({ id: '2608.00004', title: 'Hidden lab paper', feedDate: '2026-08-21', upvotes: 5, organization: 'DeepMind' }),
      paperInput({ id: '2608.00005', title: 'Mind the deep', feedDate: '2026-08-21', upvotes: 500, organization: 'DeepMind Research Lab' }),
      paperInput({ id: '2608.00011', title: 'Montréal paper', feedDate: '2026-08-21', upvotes: 2, organization: 'Université de Montréal' }),
      paperInput({ id: '2608.00012', title: 'Montreal paper', feedDate: '2026-08-20', upvotes: 2, organization: 'Universite de Montreal' }),
      paperInput({ id: '2608.00021', title: 'Hostile lab', feedDate: '2026-08-21', organization: XSS }),
      paperInput({ id: '2608.00031', title: 'Assigned elsewhere', feedDate: '2026-08-18', organization: 'Meta' }),
      paperInput({ id: '2608.00032', title: 'No organization', feedDate: '2026-08-18' }),
      ...Array.from({ length: 32 }, (_, i) => paperInput({ id: `2607.${String(10000 + i)}`, title: `Big lab paper ${i}`, feedDate: `2026-07-${String(1 + (i % 28)).padStart(2, '0')}`, upvotes: 1, organization: 'Big Lab' })),
    ]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2608.00004').execute();
  });
  afterAll(async () => t.close());

  const get = async (path: string) => {
    const res = await t.app.request(path);
    return { status: res.status, html: await res.text(), res };
  };

  it('links organization names without a page to the page of the papers naming them', async () => {
    const home = (await get('/')).html;
    expect(home).toContain('<a class="org" href="/orgs/named/DeepMind" title="DeepMind">DeepMind</a>');
    expect(home).toContain('<a class="org" href="/orgs/named/Universit%C3%A9%20de%20Montr%C3%A9al" title="Université de Montréal">Université de Montréal</a>');
    expect(home).not.toContain('<span class="org"');
    expect((await get('/papers/2608.00002')).html).toContain('<a class="org" href="/orgs/named/deepmind">deepmind</a>');
    const bare = (await get('/papers/2608.00032')).html;
    expect(bare.slice(bare.indexOf('<div class="paper-meta">'), bare.indexOf('<div class="paper-actions">'))).not.toContain('class="org"');
  });

  it('lists the papers naming an organization, in any case, newest first, with totals, feeds and a follow button', async () => {
    const { status, html } = await get('/orgs/named/DeepMind');
    expect(status).toBe(200);
    // Not the hidden one, nor "DeepMind Research Lab".
    expect(cardIds(html)).toEqual(['2608.00001', '2608.00002', '2608.00003']);
    expect(html).toContain('<h1>DeepMind</h1>');
    expect(html).toContain('3 papers · 75 upvotes in total');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Papers from DeepMind (Atom)" href="/feeds/organization.atom?name=DeepMind"');
    expect(html).toContain('<a href="/feeds/organization.atom?name=DeepMind">Atom</a> · <a href="/feeds/organization.rss?name=DeepMind">RSS</a>');
    expect(html).toMatch(/<input type="hidden" name="kind" value="organization"\/><input type="hidden" name="value" value="DeepMind"\/>/);
    // The page agrees with the feed it links.
    const feed = await (await t.app.request('/feeds/organization.atom?name=DeepMind')).text();
    expect([...feed.matchAll(/<id>http:\/\/paperboy\.test\/papers\/([^<]+)<\/id>/g)].map((m) => m[1])).toEqual(['2608.00001', '2608.00002', '2608.00003']);
    expect(feed).toContain('href="http://paperboy.test/orgs/named/DeepMind"');
    expect(cardIds((await get('/orgs/named/DEEPMIND')).html)).toEqual(['2608.00001', '2608.00002', '2608.00003']);
    const accented = await get(`/orgs/named/${encodeURIComponent('UNIVERSITÉ DE MONTRÉAL')}`);
    expect(cardIds(accented.html)).toEqual(['2608.00011']);
    expect(accented.html).toContain('<h1>Université de Montréal</h1>');
    expect((await get('/orgs/named/Nowhere')).status).toBe(404);
  });

  it('pages them, with a 404 past the last page, and answers the JSON API', async () => {
    const first = await get('/orgs/named/Big%20Lab');
    expect(cardIds(first.html)).toHaveLength(t.ctx.config.pageSize);
    expect(first.html).toContain('<a class="nav-btn" rel="next" href="/orgs/named/Big%20Lab?p=2">');
    expect(cardIds((await get('/orgs/named/Big%20Lab?p=2')).html)).toHaveLength(32 - t.ctx.config.pageSize);
    expect((await get('/orgs/named/Big%20Lab?p=3')).status).toBe(404);
    type ApiNamed = { organization: { name: string; handle: string | null; numPapers: number; upvotes: number; url: string }; page: number; numPages: number; papers: { paper: { id: string } }[] };
    const api = (await (await t.app.request('/api/orgs/named/big%20lab?p=2&limit=20')).json()) as ApiNamed;
    expect(api).toMatchObject({ organization: { name: 'Big Lab', handle: null, numPapers: 32, upvotes: 32, url: 'http://paperboy.test/orgs/named/Big%20Lab' }, page: 2, numPages: 2 });
    expect(api.papers).toHaveLength(12);
    expect((await t.app.request('/api/orgs/named/Nowhere')).status).toBe(404);
  });

  it('lists on /orgs the organizations papers name most often, with counts; the empty state says what is there', async () => {
    const html = (await get('/orgs')).html;
    expect(html).toContain('No organization has a page of its own yet. Below are the organizations papers name most often.');
    expect(html).not.toContain('No organization pages yet');
    const listed = namedList(html);
    expect(listed.slice(0, 2)).toEqual(['Big Lab /orgs/named/Big%20Lab 32', 'DeepMind /orgs/named/DeepMind 3']);
    expect(listed).toHaveLength(7);
    expect(listed).toContain('DeepMind Research Lab /orgs/named/DeepMind%20Research%20Lab 1');
    // Names differing only in case are one organization; accents make another.
    expect(listed.filter((l) => /^deepmind \/orgs\/named\/deepmind /i.test(l))).toHaveLength(1);
    expect(listed.filter((l) => l.startsWith('Universit'))).toHaveLength(2);
    const empty = await createTestApp(dialect, []);
    try {
      expect(await (await empty.app.request('/orgs')).text()).toContain('No organizations yet: they appear here as papers naming them arrive.');
    } finally {
      await empty.close();
    }
  });

  it("writes the create form's handle pattern so that browsers' `v` flag accepts it", async () => {
    const admin = await person(t, 'Admin', 'admin');
    const html = await (await admin.b.get('/orgs')).text();
    const pattern = /<input id="org-handle"[^>]* pattern="([^"]+)"/.exec(html)?.[1];
    expect(pattern).toBe('[a-z0-9][a-z0-9\\-]*');
    // As the HTML spec compiles it: anchored, with the v flag.
    expect(() => new RegExp(`^(?:${pattern})$`, 'v')).not.toThrow();
    expect(new RegExp(`^(?:${pattern})$`, 'v').test('deep-mind')).toBe(true);
    expect(new RegExp(`^(?:${pattern})$`, 'v').test('Deep_Mind')).toBe(false);
    expect(html).toContain('create one below or with <code>npx paperboy org create HANDLE &quot;Name&quot;</code>');
  });

  it('escapes hostile organization names on cards, its page and /orgs', async () => {
    const href = `/orgs/named/${encodeURIComponent(XSS)}`;
    for (const path of ['/', '/papers/2608.00021', '/orgs', href]) {
      const { status, html } = await get(path);
      expect(status, path).toBe(200);
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co/Lab');
    }
    expect((await get('/')).html).toContain(`href="${href}"`);
    expect(cardIds((await get(href)).html)).toEqual(['2608.00021']);
  });

  it('links a name to the organization page once one exists (by name in any case, or by assignment)', async () => {
    await insertOrganization(t.database.db, { handle: 'deepmind', name: 'DeepMind', description: '', now: new Date('2026-08-01T00:00:00Z') });
    await insertOrganization(t.database.db, { handle: 'fair', name: 'FAIR', description: '', now: new Date('2026-08-01T00:00:00Z') });
    await assignPapers(t.database.db, 'fair', ['2608.00031']);
    const home = (await get('/')).html;
    expect(home).toContain('<a class="org" href="/orgs/deepmind" title="DeepMind">DeepMind</a>');
    expect(home).toContain('<a class="org" href="/orgs/named/DeepMind%20Research%20Lab" title="DeepMind Research Lab">DeepMind Research Lab</a>');
    expect((await get('/papers/2608.00002')).html).toContain('<a class="org" href="/orgs/deepmind">deepmind</a>');
    // A paper assigned to an organization shows that organization's name, whatever name its source gives.
    expect((await get('/papers/2608.00031')).html).toContain('<a class="org" href="/orgs/fair">FAIR</a>');
    // The name's page gives way to the organization's own.
    const moved = await get('/orgs/named/deepMind');
    expect(moved.status).toBe(302);
    expect(moved.res.headers.get('location')).toBe('/orgs/deepmind');
    const api = (await (await t.app.request('/api/orgs/named/DeepMind')).json()) as { organization: { handle: string | null; url: string; numPapers: number } };
    expect(api.organization).toMatchObject({ handle: 'deepmind', url: 'http://paperboy.test/orgs/deepmind', numPapers: 3 });
    // /orgs lists the pages first, and the named list links to them.
    const orgs = (await get('/orgs')).html;
    expect(orgs).toContain('<a href="/orgs/deepmind">DeepMind</a> <span class="muted">@deepmind</span>');
    expect(orgs).not.toContain('No organization has a page of its own yet');
    expect(namedList(orgs)).toContain('DeepMind /orgs/deepmind 3');
  });
});

describe.each(DIALECTS)('organization names, a page at a time (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // 105 names, "Lab 000" on the most papers (3), then "Lab 001" (2), then the rest (1 each).
    const papers = Array.from({ length: 105 }, (_, i) => paperInput({ id: `2608.${String(20000 + i)}`, feedDate: '2026-08-20', organization: `Lab ${String(i).padStart(3, '0')}` }));
    papers.push(paperInput({ id: '2608.30000', feedDate: '2026-08-20', organization: 'Lab 000' }), paperInput({ id: '2608.30001', feedDate: '2026-08-20', organization: 'lab 000' }));
    papers.push(paperInput({ id: '2608.30002', feedDate: '2026-08-20', organization: 'Lab 001' }), paperInput({ id: '2608.30003', feedDate: '2026-08-20', organization: '100% Lab_x' }));
    t = await createTestApp(dialect, papers);
  });
  afterAll(async () => t.close());

  const orgs = async (path: string) => (await (await t.app.request(path)).text()).replace(/\n/g, '');

  it('lists every name, a hundred a page, with links to the previous and next pages', async () => {
    const first = await orgs('/orgs');
    expect(namedList(first)).toHaveLength(100);
    expect(namedList(first).slice(0, 2)).toEqual(['Lab 000 /orgs/named/Lab%20000 3', 'Lab 001 /orgs/named/Lab%20001 2']);
    expect(first).toContain('106 names');
    expect(first).toContain('<a class="nav-btn" rel="next" href="/orgs?p=2">');
    const second = await orgs('/orgs?p=2');
    expect(namedList(second)).toHaveLength(6);
    expect(second).toContain('<a class="nav-btn" rel="prev" href="/orgs">');
    expect(second).not.toContain('rel="next"');
    // Every name once across the pages.
    expect(new Set([...namedList(first), ...namedList(second)]).size).toBe(106);
  });

  it('filters the names by a part of them, in any case, with a form that needs no script', async () => {
    const html = await orgs('/orgs?name=LAB+10');
    expect(html).toContain('<form class="day-picker" method="get" action="/orgs">');
    expect(html).toContain('<input id="org-filter" type="search" name="name" value="LAB 10" maxlength="120"/>');
    expect(namedList(html)).toEqual(['Lab 100 /orgs/named/Lab%20100 1', 'Lab 101 /orgs/named/Lab%20101 1', 'Lab 102 /orgs/named/Lab%20102 1', 'Lab 103 /orgs/named/Lab%20103 1', 'Lab 104 /orgs/named/Lab%20104 1']);
    expect(html).toContain('5 names hold “LAB 10”');
    expect(html).toContain('<a href="/orgs">Show all</a>');
    // LIKE's wildcards are the characters typed, not patterns.
    expect(namedList(await orgs('/orgs?name=%25'))).toEqual(['100% Lab_x /orgs/named/100%25%20Lab_x 1']);
    expect(namedList(await orgs('/orgs?name=b_x'))).toEqual(['100% Lab_x /orgs/named/100%25%20Lab_x 1']);
    expect(namedList(await orgs('/orgs?name=a_0'))).toEqual([]);
    const none = await orgs('/orgs?name=nowhere');
    expect(none).toContain('0 names hold “nowhere”');
    // The filter stays in the page links.
    expect(await orgs('/orgs?name=lab&p=2')).toContain('<a class="nav-btn" rel="prev" href="/orgs?name=lab">');
  });
});
