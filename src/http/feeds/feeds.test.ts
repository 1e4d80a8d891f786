// RSS and Atom feeds parsed by a real feed parser, with stable ids and conditional GETs; authors
// in RSS's dc:creator and Atom's author name.
import Parser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { postComment } from '../../actions/comments.ts';
import { vote } from '../../actions/votes.ts';
import { assignPapers, insertOrganization } from '../../db/organizations.ts';
import { DAILY_LIMIT } from './routes.ts';

const parser = new Parser();

const corpus = () => [
  paperInput({ id: '2608.00001', title: 'Speculative decoding with trees', abstract: 'Speculative decoding, faster.', feedDate: '2026-08-21', upvotes: 50, organization: 'DeepMind', authors: ['Grace Hopper', 'Ada Lovelace'], categories: ['cs.CL'] }),
  paperInput({ id: '2608.00002', title: 'Protein diffusion', feedDate: '2026-08-20', upvotes: 20, organization: 'Meta', authors: ['Rosalind Franklin'], categories: ['q-bio.BM'] }),
  paperInput({ id: '2608.00003', title: 'Ada-style 100% robust_parsing', feedDate: '2026-08-19', upvotes: 5, authors: ['Ada Lovelace Jr'], categories: ['cs.LG'] }),
  paperInput({ id: '2608.00004', title: 'MERGE$^3$ in $\\mathcal{O}(n^2)$', abstract: 'With $\\pi_{RL}$ for \\$5.', feedDate: '2026-08-18', upvotes: 1, authors: ['Kurt Gödel'], categories: ['cs.LG'] }),
];

describe.each(DIALECTS)('feeds (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  const get = async (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
  const parse = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return { res, feed: await parser.parseString(await res.text()) };
  };

  it('daily, weekly, monthly and trending feeds in Atom and RSS', async () => {
    t = await createTestApp(dialect, corpus());
    for (const name of ['daily', 'weekly', 'monthly', 'trending']) {
      for (const ext of ['atom', 'rss']) {
        const { res, feed } = await parse(`/feeds/${name}.${ext}`);
        expect(res.headers.get('content-type')).toContain(ext === 'atom' ? 'atom+xml' : 'rss+xml');
        expect(feed.items.length).toBeGreaterThan(0);
        const first = feed.items[0]!;
        expect(first.link).toMatch(/^http:\/\/paperboy\.test\/papers\/2608\.0000\d$/);
        expect(ext === 'atom' ? first.id : first.guid).toBe(first.link);
      }
    }
    const daily = (await parse('/feeds/daily.atom')).feed;
    expect(daily.items.map((i) => i.title)).toEqual(['Speculative decoding with trees', 'Protein diffusion', 'Ada-style 100% robust_parsing', 'MERGE³ in O(n²)']);
    // Math reads as text in a feed reader, which has no math renderer.
    expect(daily.items[3]!.summary).toContain('With π_RL for $5.');
    const cat = (await parse('/feeds/daily.rss?cat=cs.CL')).feed;
    expect(cat.items.map((i) => i.title)).toEqual(['Speculative decoding with trees']);
  });

  it('RSS names authors in dc:creator (its <author> is for an email address); Atom in <author><name>', async () => {
    t = await createTestApp(dialect, corpus());
    const rss = await (await get('/feeds/daily.rss')).text();
    expect(rss).toMatch(/<rss [^>]*xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    expect(rss).not.toMatch(/<author[\s>]/);
    const item = rss.slice(rss.indexOf('<item>'), rss.indexOf('</item>'));
    expect(item).toContain('Speculative decoding with trees');
    expect([...item.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1])).toEqual(['Grace Hopper', 'Ada Lovelace']);
    expect((await parse('/feeds/daily.rss')).feed.items[0]!.creator).toBe('Grace Hopper');
    const atom = (await parse('/feeds/daily.atom')).feed;
    expect(atom.items[0]!.author).toBe('Grace Hopper');
    expect(await (await get('/feeds/daily.atom')).text()).toContain('<author>\n            <name>Ada Lovelace</name>');
  });

  it("RSS titles and authors are plain text and descriptions HTML: ' < & read as typed, never as entities", async () => {
    const title = "Small Models Win, Until They Don't: <1 GB & a ]]> bracket";
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00021', title, abstract: "It's <1 GB & fast.", feedDate: '2026-08-21', authors: ["Seán O'Brien", 'R&D <Lab>'], categories: ['cs.LG'] }),
    ]);
    const rss = (await parse('/feeds/daily.rss')).feed.items[0]!;
    expect(rss.title).toBe(title);
    expect(rss.contentSnippet).toContain("It's <1 GB & fast.");
    expect(rss.content).not.toContain('<1 GB');
    expect((rss as unknown as Record<string, unknown>)['dc:creator']).toBeDefined();
    expect(rss.creator).toBe("Seán O'Brien");
    const raw = await (await get('/feeds/daily.rss')).text();
    expect([...raw.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1])).toEqual(['Seán O\'Brien', 'R&amp;D &lt;Lab&gt;']);
    // Atom's title is type="html": HTML-escaped, which an Atom reader decodes.
    expect(await (await get('/feeds/daily.atom')).text()).toContain('<title type="html"><![CDATA[Small Models Win, Until They Don&#39;t: &lt;1 GB &amp; a ]]&gt; bracket]]></title>');
  });

  it('an RSS title with several ]]> stays one title: it cannot end its CDATA and write elements of its own', async () => {
    // The `feed` package's XML writer splits only the first ]]> of a CDATA section.
    const title = 'A]]>B]]></title><link>https://evil.example/</link><title><![CDATA[C ]]> D';
    t = await createTestApp(dialect, [paperInput({ id: '2608.00031', title, feedDate: '2026-08-21', authors: ['Ada Lovelace'], categories: ['cs.LG'] })]);
    const raw = await (await get('/feeds/daily.rss')).text();
    const errors: string[] = [];
    const tags: string[] = [];
    const xml = new SaxesParser();
    xml.on('error', (e) => errors.push(e.message));
    xml.on('opentag', (tag) => tags.push(tag.name));
    xml.write(raw).close();
    expect(errors).toEqual([]);
    // One title and one link for the channel, and one each for the paper.
    expect(tags.filter((n) => n === 'title' || n === 'link')).toEqual(['title', 'link', 'title', 'link']);
    const item = (await parse('/feeds/daily.rss')).feed.items[0]!;
    expect(item.title).toBe(title);
    expect(item.link).toBe('http://paperboy.test/papers/2608.00031');
  });

  it("a title stored with LaTeX escapes (before import turned them) reads as text on the paper's page and in feeds", async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2508.15881', title: 'Prefill \\& Decode at 100\\% with $a\\&b$', feedDate: '2026-08-21' }),
      paperInput({ id: '2604.17388', title: 'A Graph Network\\ for Routing', feedDate: '2026-08-21' }),
    ]);
    for (const path of ['/feeds/daily.rss', '/feeds/daily.atom']) {
      const titles = (await parse(path)).feed.items.map((i) => i.title).sort();
      expect(titles, path).toEqual(['A Graph Network for Routing', path.endsWith('rss') ? 'Prefill & Decode at 100% with a&b' : 'Prefill &amp; Decode at 100% with a&amp;b']);
    }
    const page = await (await get('/papers/2508.15881')).text();
    expect(page).toContain('<title>Prefill &amp; Decode at 100% with a&amp;b');
    expect(page).toMatch(/<h1[^>]*>Prefill &amp; Decode at 100% with <span class="math">/);
    // Only the BibTeX block keeps LaTeX's escape, where it belongs.
    const bibtex = /title = \{\{[^\n]*/;
    expect(page.match(bibtex)?.[0]).toContain('Prefill \\&amp; Decode');
    expect(page.replace(bibtex, '')).not.toContain('Prefill \\&');
    expect((await (await get('/papers/2604.17388')).text()).replace(bibtex, '')).not.toContain('Network\\ for');
  });

  it('the daily feed holds the last seven feed days up to DAILY_LIMIT papers, newest days whole', async () => {
    // 7 days of 20 papers: 140, more than the limit.
    const days = ['2026-08-15', '2026-08-16', '2026-08-17', '2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21'];
    t = await createTestApp(
      dialect,
      days.flatMap((d, i) => Array.from({ length: 20 }, (_, j) => paperInput({ id: `2608.${String(i * 100 + j).padStart(5, '0')}`, title: `Paper ${d} ${j}`, feedDate: d, upvotes: j }))),
    );
    const { feed } = await parse('/feeds/daily.rss');
    expect(feed.items).toHaveLength(DAILY_LIMIT);
    const perDay = (d: string) => feed.items.filter((i) => i.title!.startsWith(`Paper ${d} `)).length;
    expect(days.map(perDay)).toEqual([0, 0, 20, 20, 20, 20, 20]);
    expect(feed.items[0]!.title).toBe('Paper 2026-08-21 19');
  });

  it('search, organization and author feeds', async () => {
    t = await createTestApp(dialect, corpus());
    const search = (await parse('/feeds/search.atom?q=speculative%20decoding')).feed;
    expect(search.items[0]!.title).toBe('Speculative decoding with trees');
    const org = (await parse('/feeds/organization.rss?name=deepmind')).feed;
    expect(org.items.map((i) => i.title)).toEqual(['Speculative decoding with trees']);
    // An author is a whole element of the authors list: "Ada Lovelace" is not "Ada Lovelace Jr".
    const author = (await parse('/feeds/author.atom?name=Ada%20Lovelace')).feed;
    expect(author.items.map((i) => i.title)).toEqual(['Speculative decoding with trees']);
    expect((await parse('/feeds/author.atom?name=100%25')).feed.items).toHaveLength(0);
    expect((await get('/feeds/search.atom')).status).toBe(400);
    expect((await get('/feeds/nothing.atom')).status).toBe(404);
    expect((await get('/feeds/daily.xml')).status).toBe(404);
  });

  it("keeps a feed's id and self links whatever else its address carries, in whatever order", async () => {
    t = await createTestApp(dialect, corpus());
    const ids = async (path: string) => {
      const xml = await (await get(path)).text();
      return { id: /<feed[^>]*>[\s\S]*?<id>([^<]*)<\/id>/.exec(xml)?.[1], self: /<link rel="self"[^>]*href="([^"]*)"/.exec(xml)?.[1] ?? /<atom:link[^>]*href="([^"]*)"/.exec(xml)?.[1] };
    };
    const search = await ids('/feeds/search.atom?q=speculative+decoding&cat=cs.CL');
    expect(search.id).toBe('http://paperboy.test/feeds/search.atom?q=speculative+decoding&amp;cat=cs.CL');
    for (const other of ['/feeds/search.atom?cat=cs.cl&utm_source=reader&q=speculative%20decoding', '/feeds/search.atom?q=speculative+decoding&cat=cs.CL&x=1']) expect(await ids(other), other).toEqual(search);
    expect((await ids('/feeds/daily.atom?utm_source=x')).id).toBe('http://paperboy.test/feeds/daily.atom');
    expect((await ids('/feeds/weekly.rss?cat=CS.LG&fbclid=1')).self).toBe('http://paperboy.test/feeds/weekly.rss?cat=cs.LG');
    expect((await ids('/feeds/author.atom?ref=1&name=Ada%20Lovelace')).id).toBe('http://paperboy.test/feeds/author.atom?name=Ada+Lovelace');
    expect((await ids('/feeds/organization.rss?ref=1&name=DeepMind')).self).toBe('http://paperboy.test/feeds/organization.rss?name=DeepMind');
    expect((await ids('/feeds/trending.atom?utm_source=x&cat=cs.CL')).id).toBe('http://paperboy.test/feeds/trending.atom?cat=cs.CL');
  });

  it('author and organization feeds match non-ASCII names in any case, on every dialect', async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00011', title: 'Attention is all you need, again', feedDate: '2026-08-21', authors: ['Łukasz Kaiser', 'Ada Lovelace'], organization: 'Université de Montréal' }),
      paperInput({ id: '2608.00012', title: 'Unrelated', feedDate: '2026-08-21', authors: ['Lukasz Kaiser'] }),
    ]);
    for (const name of ['Łukasz Kaiser', 'łukasz kaiser', 'ŁUKASZ  KAISER']) {
      const { feed } = await parse(`/feeds/author.atom?name=${encodeURIComponent(name)}`);
      expect(feed.items.map((i) => i.title), name).toEqual(['Attention is all you need, again']);
    }
    const org = (await parse(`/feeds/organization.atom?name=${encodeURIComponent('UNIVERSITÉ DE MONTRÉAL')}`)).feed;
    expect(org.items.map((i) => i.title)).toEqual(['Attention is all you need, again']);
  });

  it("an organization's feed holds the papers assigned to it and those naming it, linked from its page", async () => {
    t = await createTestApp(dialect, corpus());
    await insertOrganization(t.database.db, { handle: 'deepmind', name: 'DeepMind', description: '', now: new Date('2026-08-01T00:00:00Z') });
    // Assigned, though its organization field names another lab.
    await assignPapers(t.database.db, 'deepmind', ['2608.00003']);
    const titles = ['Speculative decoding with trees', 'Ada-style 100% robust_parsing'];
    expect((await parse('/feeds/organization.atom?handle=deepmind')).feed.items.map((i) => i.title)).toEqual(titles);
    expect((await parse('/feeds/organization.rss?name=deepmind')).feed.items.map((i) => i.title)).toEqual(titles);
    expect((await get('/feeds/organization.atom?handle=nobody')).status).toBe(404);
    expect((await get('/feeds/organization.atom')).status).toBe(400);

    const page = await (await get('/orgs/deepmind')).text();
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Papers from DeepMind (Atom)" href="/feeds/organization.atom?handle=deepmind"');
    const visible = [...page.matchAll(/<a href="(\/feeds\/organization\.(?:atom|rss)\?handle=deepmind)">/g)].map((m) => m[1]!);
    expect(visible).toHaveLength(2);
    for (const href of visible) expect((await parse(href)).feed.items).toHaveLength(2);
  });

  it("a paper's page links each author's feed", async () => {
    t = await createTestApp(dialect, corpus());
    const page = await (await get('/papers/2608.00001')).text();
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Papers by Grace Hopper (Atom)" href="/feeds/author.atom?name=Grace+Hopper"');
    const href = /<a class="author-feed" href="([^"]+)" title="Feed of papers by Ada Lovelace"/.exec(page)![1]!;
    expect(href).toBe('/feeds/author.atom?name=Ada+Lovelace');
    expect((await parse(href.replace(/&amp;/g, '&'))).feed.items.map((i) => i.title)).toEqual(['Speculative decoding with trees']);
  });

  it('answers 304 to a poll that changes nothing, and 200 once a paper arrives', async () => {
    t = await createTestApp(dialect, corpus());
    const first = await get('/feeds/daily.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await get('/feeds/daily.atom', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/feeds/daily.atom', { 'if-modified-since': lastModified })).status).toBe(304);
    // The other format has its own validator.
    expect((await get('/feeds/daily.rss', { 'if-none-match': etag })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    await t.add([paperInput({ id: '2608.00004', title: 'A new arrival', feedDate: '2026-08-21' })]);
    const after = await get('/feeds/daily.atom', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('A new arrival');
    expect((await get('/feeds/daily.atom', { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('answers 200 again once a vote or a comment changes a paper in the feed', async () => {
    t = await createTestApp(dialect, corpus());
    const db = t.database.db;
    const user = await createUserDirect(db, { email: 'voter@example.org', password: 'correct horse battery', name: 'Voter', role: 'user' }, new Date());
    const poll = async (etag?: string) => get('/feeds/weekly.atom', etag ? { 'if-none-match': etag } : {});
    const before = (await poll()).headers.get('etag')!;
    expect((await poll(before)).status).toBe(304);
    // A vote in a second's time: the feed's upvote counts and order may change.
    await vote(db, user, '2608.00002', true, new Date(Date.now() + 1000));
    const voted = await poll(before);
    expect(voted.status).toBe(200);
    expect(await voted.text()).toContain('21 upvotes');
    const afterVote = voted.headers.get('etag')!;
    expect((await poll(afterVote)).status).toBe(304);
    await postComment(db, { user, paperId: '2608.00003', body: 'A comment', ip: '192.0.2.9' }, new Date(Date.now() + 2000));
    expect((await poll(afterVote)).status).toBe(200);
  });

  it('validates a search feed by its own results: a paper that does not match leaves it a 304, a vote on a result or a new match does not', async () => {
    t = await createTestApp(dialect, corpus());
    const db = t.database.db;
    const user = await createUserDirect(db, { email: 'searcher@example.org', password: 'correct horse battery', name: 'Searcher', role: 'user' }, new Date());
    const poll = async (etag?: string) => get('/feeds/search.atom?q=speculative%20decoding', etag ? { 'if-none-match': etag } : {});
    const first = await poll();
    const etag = first.headers.get('etag')!;
    expect((await poll(etag)).status).toBe(304);
    // The store and the search index grow, but not the feed.
    await t.add([paperInput({ id: '2608.00011', title: 'Graph coloring on a budget', feedDate: '2026-08-21' })]);
    expect((await poll(etag)).status).toBe(304);
    await vote(db, user, '2608.00001', true, new Date(Date.now() + 1000));
    const voted = await poll(etag);
    expect(voted.status).toBe(200);
    expect(await voted.text()).toContain('51 upvotes');
    const afterVote = voted.headers.get('etag')!;
    expect((await poll(afterVote)).status).toBe(304);
    await t.add([paperInput({ id: '2608.00012', title: 'Speculative decoding, drafted', feedDate: '2026-08-21' })]);
    const arrived = await poll(afterVote);
    expect(arrived.status).toBe(200);
    expect(await arrived.text()).toContain('Speculative decoding, drafted');
  });

  it('stays well-formed XML when a paper carries characters XML forbids or markup in a category', async () => {
    t = await createTestApp(dialect, [
      ...corpus(),
      paperInput({ id: '2608.00009', title: 'Nul\u0000 and bell\u0007 in a title', abstract: 'Vertical\u000btab, lone \ud800 surrogate.', feedDate: '2026-08-21', upvotes: 3, authors: ['Form\u000cfeed Author'], categories: ['cs.LG', 'x"><evil a="', 'cs.<b>'] }),
    ]);
    for (const path of ['/feeds/daily.atom', '/feeds/daily.rss', '/feeds/search.atom?q=nul%20bell%00', '/feeds/author.rss?name=Form%0Cfeed%20Author']) {
      const body = await (await get(path)).text();
      const errors: string[] = [];
      const xml = new SaxesParser();
      xml.on('error', (e) => errors.push(e.message));
      xml.write(body).close();
      expect(errors, path).toEqual([]);
      expect(body, path).toContain('Nul and bell in a title');
      expect(body, path).not.toContain('evil');
    }
  });

  it('pages announce their feeds and link to them', async () => {
    t = await createTestApp(dialect, corpus());
    const home = await (await get('/')).text();
    expect(home).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(home).toContain('href="/feeds/daily.atom"');
    const week = await (await get('/papers/week/2026-W34?sort=trending')).text();
    expect(week).toContain('href="/feeds/trending.atom"');
    const search = await (await get('/papers?q=speculative+decoding')).text();
    expect(search).toContain('type="application/atom+xml"');
    expect(search).toContain('href="/feeds/search.atom?q=speculative+decoding"');
    expect(search).toContain('href="/feeds/search.rss?q=speculative+decoding"');
  });
});
