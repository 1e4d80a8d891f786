// The pages of a date range (a day, week or month of the feed) on both dialects: however deep, a
// page is its ids sorted from the feed index, then only that page's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { fullScans, planOf, recordQueries } from '../../test/query-plans.ts';
import { type FeedSort, listFeed } from './papers.ts';

describe.each(DIALECTS)('feed pages of a date range (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(
      t.db,
      Array.from({ length: 50 }, (_, i) =>
        paperInput({ id: `2503.${String(20000 + i)}`, feedDate: i < 44 ? `2025-03-${String(1 + (i % 28)).padStart(2, '0')}` : '2025-04-02', publishedOn: `2025-02-${String(1 + (i % 13)).padStart(2, '0')}`, upvotes: i % 7 }),
      ),
    );
  });
  afterAll(async () => t.drop());

  it.each(['upvotes', 'trending', 'publishedAt'] as FeedSort[])('reads a deep page of a month (by %s) as the page of ids sorted from the feed index, then only its rows', async (sort) => {
    const month = { from: '2025-03-01', to: '2025-03-31', sort };
    const all = (await listFeed(t.db, { ...month, limit: 100, offset: 0 })).papers.map((p) => p.id);
    expect(all).toHaveLength(44);
    const { result, queries } = await recordQueries(t, (db) => listFeed(db, { ...month, limit: 7, offset: 21 }));
    expect(result.total).toBe(44);
    expect(result.papers.map((p) => p.id)).toEqual(all.slice(21, 28));
    expect(result.papers.every((p) => p.abstract === 'An abstract.' && p.feedDate?.startsWith('2025-03'))).toBe(true);
    expect(queries).toHaveLength(3);
    const [count, page, rows] = queries as [(typeof queries)[0], (typeof queries)[0], (typeof queries)[0]];
    // The sorted, skipped query carries ids alone; the rows are those of the page.
    expect(page.sql).toMatch(/^select "id" from "papers"/);
    expect(rows.parameters).toEqual(expect.arrayContaining(all.slice(21, 28)));
    for (const q of [count, page, rows]) expect(await fullScans(t, q, 'papers'), q.sql).toEqual([]);
    if (dialect === 'sqlite') {
      for (const q of [count, page]) expect((await planOf(t, q)).join('\n')).toContain('USING COVERING INDEX papers_feed_page');
    }
    expect((await listFeed(t.db, { ...month, limit: 7, offset: 44 })).papers).toEqual([]);
  });
});
