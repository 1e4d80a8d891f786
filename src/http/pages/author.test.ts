// Author pages over both dialects: `/authors/:name` lists exactly the papers naming that author (a
// whole element of the authors list, any case, accents included; not "Ada Lovelace Jr"), newest
// first, a page at a time; its totals, feed links, follow button and claimed profile; the JSON API;
// the links to it from paper pages (folded author lists included) and cards; hostile names escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { decideClaim, insertClaim } from '../../db/claims.ts';

const XSS = '<script>alert("x")</script> & Co';
const cardIds = (html: string): string[] => [...html.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));

describe.each(DIALECTS)('author pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00001', title: 'Speculative decoding with trees', feedDate: '2026-08-21', upvotes: 50, authors: ['Grace Hopper', 'Ada Lovelace'], organization: 'DeepMind' }),
      paperInput({ id: '2608.00002', title: 'Analytical engines, revisited', feedDate: '2026-08-19', upvotes: 7, authors: ['ADA  LOVELACE', 'Charles Babbage'] }),
      paperInput({ id: '2608.00003', title: 'By her namesake', feedDate: '2026-08-20', upvotes: 100, authors: ['Ada Lovelace Jr'] }),
      paperInput({ id: '2608.00004', title: 'Not yet in any feed', feedDate: null, upvotes: 1, authors: ['Ada Lovelace'] }),
      paperInput({ id: '2608.00005', title: 'Hidden by a moderator', feedDate: '2026-08-21', upvotes: 9, authors: ['Ada Lovelace'] }),
      paperInput({ id: '2608.00006', title: 'Multi-agent systems for Ada Lovelace fans', abstract: 'Ada Lovelace, Ada Lovelace.', feedDate: '2026-08-21', upvotes: 80, authors: ['Someone Else'] }),
      paperInput({ id: '2608.00011', title: 'Attention, again', feedDate: '2026-08-18', upvotes: 3, authors: ['Łukasz Kaiser'] }),
      paperInput({ id: '2608.00012', title: 'Unaccented namesake', feedDate: '2026-08-18', authors: ['Lukasz Kaiser'] }),
      paperInput({ id: '2608.00021', title: 'A collaboration', feedDate: '2026-08-17', authors: Array.from({ length: 14 }, (_, i) => `Member ${i + 1}`), authorsCount: 14 }),
      paperInput({ id: '2608.00031', title: 'Hostile author', feedDate: '2026-08-16', authors: [XSS, 'Path/Slash ?#%'] }),
      ...Array.from({ length: 32 }, (_, i) =>
        paperInput({ id: `2607.${String(10000 + i)}`, title: `Prolific paper ${i}`, feedDate: `2026-07-${String(1 + (i % 28)).padStart(2, '0')}`, upvotes: 1, authors: ['Prolific Writer'] }),
      ),
    ]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2608.00005').execute();
  });
  afterAll(async () => t.close());

  const get = async (path: string) => {
    const res = await t.app.request(path);
    return { status: res.status, html: await res.text() };
  };

  it("lists exactly the author's papers, newest first (papers in no feed last), with totals", async () => {
    const { status, html } = await get('/authors/Ada%20Lovelace');
    expect(status).toBe(200);
    // Not "Ada Lovelace Jr", not a paper that only mentions her, not a hidden one.
    expect(cardIds(html)).toEqual(['2608.00001', '2608.00002', '2608.00004']);
    expect(html).toContain('<h1>Ada Lovelace</h1>');
    expect(html).toContain('<title>Ada Lovelace · Paperboy</title>');
    expect(html).toContain('3 papers · 58 upvotes in total');
    // Her feeds (visible and announced) and the digest's follow button for an author.
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Papers by Ada Lovelace (Atom)" href="/feeds/author.atom?name=Ada+Lovelace"');
    expect(html).toContain('<a href="/feeds/author.atom?name=Ada+Lovelace">Atom</a> · <a href="/feeds/author.rss?name=Ada+Lovelace">RSS</a>');
    expect(html).toMatch(/<form class="follow-form" method="post" action="\/follow">.*<input type="hidden" name="kind" value="author"\/><input type="hidden" name="value" value="Ada Lovelace"\/>/s);
    expect(html).not.toContain('class="claimants"');
  });

  it('matches a name in any case and with accents, showing it as papers write it', async () => {
    const lower = await get('/authors/ada%20lovelace');
    expect(cardIds(lower.html)).toEqual(['2608.00001', '2608.00002', '2608.00004']);
    expect(lower.html).toContain('<h1>Ada Lovelace</h1>');
    for (const name of ['Łukasz Kaiser', 'łukasz kaiser', 'ŁUKASZ KAISER']) {
      const { status, html } = await get(`/authors/${encodeURIComponent(name)}`);
      expect(status, name).toBe(200);
      expect(cardIds(html), name).toEqual(['2608.00011']);
      expect(html).toContain('<h1>Łukasz Kaiser</h1>');
    }
    expect(cardIds((await get('/authors/Lukasz%20Kaiser')).html)).toEqual(['2608.00012']);
  });

  it('pages the papers: PAGE_SIZE a page, ?p=, a 404 past the last page', async () => {
    const first = await get('/authors/Prolific%20Writer');
    expect(first.html).toContain('32 papers · 32 upvotes in total');
    expect(cardIds(first.html)).toHaveLength(t.ctx.config.pageSize);
    expect(first.html).toContain('Page 1 of 2');
    expect(first.html).toContain('<a class="nav-btn" rel="next" href="/authors/Prolific%20Writer?p=2">');
    const second = await get('/authors/Prolific%20Writer?p=2');
    expect(cardIds(second.html)).toHaveLength(32 - t.ctx.config.pageSize);
    expect(second.html).toContain('<a class="nav-btn" rel="prev" href="/authors/Prolific%20Writer">');
    expect(new Set([...cardIds(first.html), ...cardIds(second.html)]).size).toBe(32);
    expect((await get('/authors/Prolific%20Writer?p=3')).status).toBe(404);
    expect((await get('/authors/Prolific%20Writer?p=zero')).status).toBe(400);
    expect((await get('/authors/Ada%20Lovelace?p=2')).status).toBe(404);
    expect((await get('/authors/Nobody%20At%20All')).status).toBe(404);
    expect((await get(`/authors/${'x'.repeat(300)}`)).status).toBe(404);
  });

  it('answers the JSON API in the shape of an organization', async () => {
    type ApiAuthor = { author: { name: string; numPapers: number; upvotes: number; url: string; users: unknown[] }; page: number; numPages: number; papers: { paper: { id: string } }[] };
    const res = await t.app.request('/api/authors/ada%20lovelace');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApiAuthor;
    expect(body).toMatchObject({ author: { name: 'Ada Lovelace', numPapers: 3, upvotes: 58, url: 'http://paperboy.test/authors/Ada%20Lovelace', users: [] }, page: 1, numPages: 1 });
    expect(body.papers.map((p) => p.paper.id)).toEqual(['2608.00001', '2608.00002', '2608.00004']);
    const paged = (await (await t.app.request('/api/authors/Prolific%20Writer?p=2&limit=20')).json()) as ApiAuthor;
    expect(paged).toMatchObject({ page: 2, numPages: 2 });
    expect(paged.papers).toHaveLength(12);
    // Past the end, an empty page with its count, as every list of the API answers.
    expect(await (await t.app.request('/api/authors/Prolific%20Writer?p=3&limit=20')).json()).toMatchObject({ page: 3, numPages: 2, papers: [] });
    expect((await t.app.request('/api/authors/Prolific%20Writer?limit=1000')).status).toBe(400);
    const missing = await t.app.request('/api/authors/Nobody');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it("links every author on a paper's page (the folded ones too) and on cards to their page", async () => {
    const page = (await get('/papers/2608.00001')).html;
    expect(page).toContain('<a class="author-name" href="/authors/Grace%20Hopper" title="Papers by Grace Hopper">Grace Hopper</a>');
    expect(page).toContain('<a class="author-name" href="/authors/Ada%20Lovelace" title="Papers by Ada Lovelace">Ada Lovelace</a>');
    expect(page).not.toMatch(/href="\/papers\?q=(Grace|Ada)/);
    const long = (await get('/papers/2608.00021')).html;
    const folded = long.slice(long.indexOf('<details class="more-authors">'));
    expect(folded).toContain('<a class="author-name" href="/authors/Member%2013" title="Papers by Member 13">Member 13</a>');
    expect(folded).toContain('href="/authors/Member%2014"');
    expect(long.match(/class="author-name" href="\/authors\//g)).toHaveLength(14);
    // Cards, here the home page's and the related papers'.
    const home = (await get('/')).html;
    expect(home).toContain('<a href="/authors/Grace%20Hopper">Grace Hopper</a>, <a href="/authors/Ada%20Lovelace">Ada Lovelace</a></p>');
    // Each link leads to a page listing that paper.
    expect(cardIds((await get('/authors/Grace%20Hopper')).html)).toEqual(['2608.00001']);
    expect(cardIds((await get('/authors/Member%2013')).html)).toEqual(['2608.00021']);
    // The author feed's own link to its page.
    expect(await (await t.app.request('/feeds/author.atom?name=Ada%20Lovelace')).text()).toContain('href="http://paperboy.test/authors/Ada%20Lovelace"');
  });

  it("shows the page's author on each card, after the first authors when the list folds them away", async () => {
    const line = (html: string) => /<p class="authors-line">(.*?)<\/p>/.exec(html)?.[1]?.replace(/<a href="[^"]+">([^<]+)<\/a>/g, '$1');
    // On the home page the card names the first three and folds the rest, the ninth among them.
    expect(line((await get('/papers/date/2026-08-17')).html)).toBe('Member 1, Member 2, Member 3 et al.');
    expect(line((await get('/authors/Member%209')).html)).toBe('Member 1, Member 2, Member 3, …, Member 9 et al.');
    expect((await get('/authors/member%209')).html).toContain(', …, <a href="/authors/Member%209">Member 9</a> et al.</p>');
    expect(line((await get('/authors/Member%204')).html)).toBe('Member 1, Member 2, Member 3, Member 4 et al.');
    expect(line((await get('/authors/Member%2014')).html)).toBe('Member 1, Member 2, Member 3, …, Member 14');
    expect(line((await get('/authors/Member%202')).html)).toBe('Member 1, Member 2, Member 3 et al.');
  });

  it('escapes hostile names in links and on the page', async () => {
    const paper = (await get('/papers/2608.00031')).html;
    expect(paper).not.toContain(XSS);
    expect(paper).toContain(`href="/authors/${encodeURIComponent(XSS)}"`);
    expect(paper).toContain('href="/authors/Path%2FSlash%20%3F%23%25"');
    const { status, html } = await get(`/authors/${encodeURIComponent(XSS)}`);
    expect(status).toBe(200);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</h1>');
    expect(cardIds(html)).toEqual(['2608.00031']);
    const slash = await get('/authors/Path%2FSlash%20%3F%23%25');
    expect(slash.status).toBe(200);
    expect(cardIds(slash.html)).toEqual(['2608.00031']);
    const api = (await (await t.app.request(`/api/authors/${encodeURIComponent(XSS)}`)).json()) as { author: { name: string } };
    expect(api.author.name).toBe(XSS);
  });

  it("links the profile of whoever an approved claim names, not a pending one's", async () => {
    const ada = await createUserDirect(t.database.db, { email: 'ada@example.org', password: 'analytical engine one', name: 'Ada L.', role: 'user' }, TEST_NOW);
    const mod = await createUserDirect(t.database.db, { email: 'mod@example.org', password: 'analytical engine one', name: 'Mod', role: 'moderator' }, TEST_NOW);
    const claim = await insertClaim(t.database.db, { paperId: '2608.00002', authorName: 'ADA  LOVELACE', userId: ada.id, now: TEST_NOW });
    // A claim on a coauthor of the same paper does not name her.
    const other = await insertClaim(t.database.db, { paperId: '2608.00002', authorName: 'Charles Babbage', userId: mod.id, now: TEST_NOW });
    expect((await get('/authors/Ada%20Lovelace')).html).not.toContain('class="claimants"');
    await decideClaim(t.database.db, { id: claim.id, status: 'approved', moderatorId: mod.id, now: TEST_NOW });
    await decideClaim(t.database.db, { id: other.id, status: 'approved', moderatorId: mod.id, now: TEST_NOW });
    const html = (await get('/authors/ada%20lovelace')).html;
    expect(html).toContain(`<p class="claimants">Their profile here: <a href="/users/${ada.handle}">Ada L. (@${ada.handle})</a></p>`);
    expect(html).not.toContain(`/users/${mod.handle}`);
    const api = (await (await t.app.request('/api/authors/Ada%20Lovelace')).json()) as { author: { users: unknown[] } };
    expect(api.author.users).toEqual([{ handle: ada.handle, name: 'Ada L.', url: `http://paperboy.test/users/${ada.handle}` }]);
  });
});
