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
    // A name is not a prefix: "c" is no archive of cs.*, and "hep" none of hep-th.
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=c')).toEqual([]);
    expect(await ids('/api/daily_papers?date=2026-08-21&cat=hep')).toEqual([]);
    const page = await (await t.app.request('/papers/date/2026-08-21?cat=cs')).text();
    expect(page).toContain('Graph colouring bounds');
    expect(page).not.toContain('Protein folding');
  });

  it('search: ?cat=cs keeps the matches listed in any cs category', async () => {
    expect((await ids('/api/papers/search?q=language%20models&cat=cs')).sort()).toEqual(['2608.00011', '2608.00012', '2608.00013']);
    expect(await ids('/api/papers/search?q=language%20models&cat=stat')).toEqual(['2608.00012']);
  });

  it('RSS and Atom feeds: ?cat=cs keeps every cs.* paper', async () => {
    const feed = await new Parser().parseString(await (await t.app.request('/feeds/daily.atom?cat=cs')).text());
    expect(feed.items.map((i) => i.link)).toEqual(['2608.00011', '2608.00012', '2608.00013'].map((id) => `http://paperboy.test/papers/${id}`));
  });
});
