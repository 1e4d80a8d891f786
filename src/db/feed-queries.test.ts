// The queries of feeds and of the author and organization-name pages on both dialects: they find a
// name through the name index (never by reading every paper), and a page costs a fixed number of
// queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { fullScans, recordQueries } from '../../test/query-plans.ts';
import { viewAuthor, viewNamedOrganization } from '../actions/name-pages.ts';
import { feedPageRows, feedPapers, feedTotals, feedValidator, type FeedFilter } from './feed-queries.ts';
import { insertOrganization, orgPapers } from './organizations.ts';

describe.each(DIALECTS)('feed queries (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const others = Array.from({ length: 40 }, (_, i) => paperInput({ id: `2503.${String(20000 + i)}`, authors: [`Someone ${i}`], organization: `Lab ${i % 3}`, feedDate: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}` }));
    await storePapers(t.db, [
      ...others,
      paperInput({ id: '2503.10001', authors: ['Yang Liu', 'Ada Lovelace'], organization: 'Acme AI', feedDate: '2025-03-02', upvotes: 3 }),
      paperInput({ id: '2503.10002', authors: ['yang  LIU'], organization: null, feedDate: '2025-03-05', upvotes: 4 }),
      paperInput({ id: '2503.10003', authors: ['Ada Lovelace'], organization: 'ACME ai', feedDate: '2025-03-04' }),
      paperInput({ id: '2503.10004', authors: ['Alan Turing'], organization: null, feedDate: '2025-03-03' }),
    ]);
    await insertOrganization(t.db, { handle: 'acme', name: 'Acme AI', description: '', now: new Date('2025-03-01T00:00:00Z') });
    await t.db.updateTable('papers').set({ org_handle: 'acme' }).where('id', '=', '2503.10004').execute();
  });
  afterAll(async () => t.drop());

  const filters: [string, FeedFilter][] = [
    ['an author', { author: 'Yang Liu' }],
    ['an author no paper lists', { author: 'Nobody At All' }],
    ['an organization name', { organization: 'acme ai' }],
    ['an organization page', { orgHandle: 'acme', organization: 'Acme AI' }],
  ];

  it.each(filters)('finds the papers of %s through indexes, never reading every paper', async (_, f) => {
    const { queries } = await recordQueries(t, async (db) => {
      await feedValidator(db, f);
      await feedTotals(db, f);
      await feedPageRows(db, f, { limit: 10, offset: 0 });
      await feedPapers(db, f, 'newest', 10);
    });
    expect(queries).toHaveLength(4);
    for (const q of queries) expect(await fullScans(t, q, 'papers'), q.sql).toEqual([]);
  });

  it('keeps the same papers as before: any case, assigned or named', async () => {
    expect((await feedPapers(t.db, { author: 'YANG LIU' }, 'newest', 10)).map((p) => p.id)).toEqual(['2503.10002', '2503.10001']);
    expect((await feedPapers(t.db, { organization: 'Acme AI' }, 'newest', 10)).map((p) => p.id)).toEqual(['2503.10003', '2503.10001']);
    expect((await feedPapers(t.db, { orgHandle: 'acme', organization: 'Acme AI' }, 'newest', 10)).map((p) => p.id)).toEqual(['2503.10003', '2503.10004', '2503.10001']);
    expect((await feedPapers(t.db, { orgHandle: 'acme' }, 'newest', 10)).map((p) => p.id)).toEqual(['2503.10004']);
    expect(await feedTotals(t.db, { author: 'yang liu' })).toEqual({ total: 2, upvotes: 7 });
    const org = { handle: 'acme', name: 'Acme AI' } as Parameters<typeof orgPapers>[1];
    const { result, queries } = await recordQueries(t, (db) => orgPapers(db, org));
    expect(result.papers.map((p) => p.id)).toEqual(['2503.10003', '2503.10004', '2503.10001']);
    for (const q of queries) expect(await fullScans(t, q, 'papers'), q.sql).toEqual([]);
  });

  it('reads an author page in two queries, past the end too, and a name no paper lists in one', async () => {
    const page = await recordQueries(t, (db) => viewAuthor(db, 'yang liu', 1, 1));
    expect(page.result).toMatchObject({ name: 'yang LIU', total: 2, upvotes: 7, pages: 2 });
    expect(page.result.papers.map((p) => p.id)).toEqual(['2503.10002']);
    const author = page.queries.filter((q) => !/author_claims/.test(q.sql));
    expect(author).toHaveLength(2);
    const past = await recordQueries(t, (db) => viewNamedOrganization(db, 'acme ai', 5, 10, 'empty'));
    expect(past.result).toMatchObject({ name: 'ACME ai', papers: [], total: 2, pages: 1 });
    expect(past.queries).toHaveLength(2);
    const none = await recordQueries(t, (db) => viewNamedOrganization(db, 'No Such Lab', 1, 10).catch((e: unknown) => e));
    expect(none.result).toMatchObject({ status: 404 });
    expect(none.queries).toHaveLength(1);
  });
});
