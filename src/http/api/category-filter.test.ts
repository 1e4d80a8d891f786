// `?cat=` with a bare archive name (`cs`) keeps every category of that archive, cross-lists
// included, in the daily feed (pages and API), in search and in RSS/Atom feeds; a full category
// keeps only itself, and an archive without subcategories (`hep-th`) is a category of its own.
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const corpus = [
  paperInput({ id: '2608.00011', title: 'Sparse attention for language models', feedDate: '2026-08-21', upvotes: 40, categories: ['cs.CL'] }),
  paperInput({ id: '2608.00012', title: 'Language models that learn to plan', feedDate: '2026-08-21', upvotes: 30, categories: ['cs.LG', 'stat.ML'] }),
  paperInput({ id: '2608.00013', title: 'Graph colouring bounds for language models', feedDate: '2026-08-21', upvotes: 20, categories: ['math.CO', 'cs.DM'] }),
  paperInput({ id: '2608.00014', title: 'Holography and language models', feedDate: '2026-08-21', upvotes: 10, categories: ['hep-th'] }),
  paperInput({ id: '2608.00015', title: 'Protein folding with language models', feedDate: '2026-08-21', upvotes: 5, categories: ['q-bio.BM'] }),
];

describe.each(DIALECTS)('category filters by archive (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, corpus);
  });
  afterAll(async () => t.close());

  const ids = async (path: string): Promise<string[]> => {
    const res = await t.app.request(path);
    expect(res.status, path).toBe(200);
    return ((await res.json()) as { paper: { id: string } }[]).map((i) => i.paper.id);
  };

  it('the daily feed: ?cat=cs keeps every cs.* paper, ?cat=cs.LG and ?cat=hep-th only themselves', async () => {
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=cs')).toEqual(['2608.00011', '2608.00012', '2608.00013']);
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=cs.LG')).toEqual(['2608.00012']);
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=math')).toEqual(['2608.00013']);
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=hep-th')).toEqual(['2608.00014']);
    // A name is not a prefix: "c" is no archive of cs.*, and "hep" none of hep-th; neither is a category.
    for (const cat of ['c', 'hep']) expect((await t.app.request(`/api/daily_papers?date=2026-08-21&cat=${cat}`)).status).toBe(400);
    const page = await (await t.app.request('/papers/date/2026-08-21?cat=cs')).text();
    expect(page).toContain('Graph colouring bounds');
    expect(page).not.toContain('Protein folding');
  });

  it('search: ?cat=cs keeps the matches listed in any cs category', async () => {
    expect((await ids('/api/papers/search?q=language%20models&cat=cs')).sort()).toEqual(['2608.00011', '2608.00012', '2608.00013']);
    expect(await ids('/api/papers/search?q=language%20models&cat=stat')).toEqual(['2608.00012']);
  });

  it('takes a category in any case, and refuses one arXiv does not have, naming the closest', async () => {
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=cs.lg')).toEqual(['2608.00012']);
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=HEP-TH')).toEqual(['2608.00014']);
    expect(await ids('/api/papers/search?q=language%20models&cat=STAT.ml')).toEqual(['2608.00012']);
    // The links carry arXiv's spelling.
    expect((await t.app.request('/api/daily_papers?date=2026-08-21&cat=CS&limit=1')).headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?date=2026-08-21&cat=cs&limit=1&p=1>; rel="next"');
    for (const path of ['/api/daily_papers?cat=cs.LX', '/api/papers/search?q=language&cat=cs.LX']) {
      const res = await t.app.request(path);
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 400, body: { error: { code: 'unknown_category', message: '"cs.LX" is not an arXiv category; did you mean cs.LG?' } } });
    }
    expect(await (await t.app.request('/api/daily_papers?cat=bogus')).json()).toEqual({ error: { code: 'unknown_category', message: expect.stringContaining('"bogus" is not an arXiv category') } });
    // The pages say so instead of showing an empty list.
    for (const path of ['/papers/date/2026-08-21?cat=cs.LX', '/papers?q=language&cat=cs.LX']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('&quot;cs.LX&quot; is not an arXiv category; did you mean cs.LG?');
    }
    expect(await (await t.app.request('/papers/date/2026-08-21?cat=cs.lg')).text()).toContain('<option value="cs.LG" selected="">cs.LG</option>');
  });

  it('RSS and Atom feeds: ?cat=cs keeps every cs.* paper', async () => {
    const feed = await new Parser().parseString(await (await t.app.request('/feeds/daily.atom?cat=cs')).text());
    expect(feed.items.map((i) => i.link)).toEqual(['2608.00011', '2608.00012', '2608.00013'].map((id) => `http://paperboy.test/papers/${id}`));
  });
});
