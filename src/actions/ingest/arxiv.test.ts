// Ingesting arXiv from recorded answers replayed locally: an OAI-PMH harvest across a resumption
// token (field by field), resuming after a failure mid-harvest (recorded partial), an expired
// token, announcements (new, cross-lists, replacements that never set a feed date) and a replacement that keeps votes
// and comments. Virtual clock: the 3-second
// spacing is checked on it; the real-clock spacing is tested with the fetcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOUNCEMENTS, ANNOUNCEMENTS_WITH_REPLACEMENTS, apiFixture, BAD_TOKEN, LIST_PAGE_1, LIST_PAGE_2 } from '../../../test/arxiv-fixtures.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { type ReplayRoute, startReplayServer } from '../../../test/replay-server.ts';
import { getCheckpoint } from '../../db/ingest.ts';
import { findPaper } from '../../db/papers.ts';
import { createArxivClient, parseOaiListRecords } from '../../sources/arxiv/index.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { enrichFromArxiv, ingestArxivAnnouncements, ingestArxivIds, ingestArxivOai, type OaiCheckpoint, oaiSetOf } from './arxiv.ts';

const FIRST = { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' };
const NEXT = { verb: 'ListRecords', resumptionToken: '1403493|1001' };
const CATEGORIES = ['cs.DM', 'cs.CC', 'cs.DL', 'cs.IT', 'cs.LG', 'cs.DC'];
const wanted = (cats: string[]): boolean => cats.some((c) => CATEGORIES.includes(c));
const EXPECTED = [...parseOaiListRecords(LIST_PAGE_1, 'arXivRaw').records, ...parseOaiListRecords(LIST_PAGE_2, 'arXivRaw').records]
  .filter((r) => wanted(r.categories))
  .map((r) => r.arxivId)
  .sort();

async function setup(routes: ReplayRoute[], maxRetries = 1) {
  const server = await startReplayServer(routes);
  const clock = virtualClock();
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:t@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries, clock, random: () => 0, backoffBaseMs: 5000 });
  const client = createArxivClient({ fetcher, oaiBaseUrl: `${server.url}/oai`, apiBaseUrl: `${server.url}/api/query`, rssBaseUrl: `${server.url}/atom` });
  return { server, clock, client };
}

describe('oaiSetOf', () => {
  it('maps categories to OAI sets', () => {
    expect(['cs.LG', 'stat.ML', 'hep-th', 'astro-ph.GA', 'math.CO', 'quant-ph', 'q-bio.NC', 'eess.SP'].map(oaiSetOf)).toEqual([
      'cs', 'stat', 'physics:hep-th', 'physics:astro-ph', 'math', 'physics:quant-ph', 'q-bio', 'eess',
    ]);
  });
});

describe.each(DIALECTS)('arXiv ingestion (%s)', (dialect) => {
  let t: TestDatabase;
  const env = () => ({ db: t.db, now: () => new Date('2016-10-22T01:00:00Z'), owner: 'test' });
  const ids = async (): Promise<string[]> => (await t.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('harvests across a resumption token, keeps only wanted categories, and stores records field by field', async () => {
    const { server, clock, client } = await setup([
      { path: '/oai', query: FIRST, respond: { body: LIST_PAGE_1 } },
      { path: '/oai', query: NEXT, respond: { body: LIST_PAGE_2 } },
    ]);
    try {
      const [run] = await ingestArxivOai(env(), client, { categories: CATEGORIES, since: '2016-10-20' });
      expect(run).toMatchObject({ status: 'ok', requests: 2, inserted: EXPECTED.length, skipped: 388 - EXPECTED.length });
      expect(await ids()).toEqual(EXPECTED);
      expect(server.requests.map((r) => r.query)).toEqual([FIRST, NEXT]);
      expect(server.requests[0]?.headers['user-agent']).toContain('mailto:t@example.org');
      // One wait between the two pages, the whole 3 s (an empty list would pass an "every" check).
      expect(clock.sleeps).toEqual([3000]);
      expect(await findPaper(t.db, '0803.4354')).toMatchObject({
        title: 'A O(n^8) X O(n^7) Linear Programming Model of the Traveling Salesman Problem',
        authors: ['Moustapha Diaby'],
        categories: ['cs.DM'],
        version: 6,
        publishedOn: '2008-03-30',
        feedDate: '2008-03-30',
        withdrawn: true,
        upvotes: 0,
      });
      expect(await getCheckpoint<OaiCheckpoint>(t.db, 'arxiv-oai:cs:cs.CC,cs.DC,cs.DL,cs.DM,cs.IT,cs.LG')).toEqual({ window: null, highWater: '2016-10-21' });
    } finally {
      await server.close();
    }
  });

  it('rides out 429 with Retry-After, 503 and a reset mid-body, ending with the exact set', async () => {
    await t.db.deleteFrom('paper_categories').execute();
    await t.db.deleteFrom('papers').execute();
    const { server, clock, client } = await setup([
      { path: '/oai', query: FIRST, respond: [{ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' }, { status: 503, body: 'busy' }, { body: LIST_PAGE_1 }] },
      { path: '/oai', query: NEXT, respond: [{ body: LIST_PAGE_2, cutAfterBytes: 200 }, { body: LIST_PAGE_2 }] },
    ], 3);
    try {
      const [run] = await ingestArxivOai(env(), client, { categories: CATEGORIES, since: '2016-10-20' });
      expect(run?.status).toBe('ok');
      expect(await ids()).toEqual(EXPECTED);
      expect(server.requests).toHaveLength(5);
      // Retry-After was honoured, and no request ever came sooner than 3 s after the previous one.
      expect(clock.sleeps.some((ms) => ms >= 7000)).toBe(true);
      expect(clock.sleeps.every((ms) => ms >= 3000)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('resumes a failed harvest from its resumption token, and restarts the window when the token expired', async () => {
    await t.db.deleteFrom('paper_categories').execute();
    await t.db.deleteFrom('papers').execute();
    // Page 2 dies mid-body every time: the run ends partial after storing page 1 and its token.
    const broken = await setup([
      { path: '/oai', query: FIRST, respond: { body: LIST_PAGE_1 } },
      { path: '/oai', query: NEXT, respond: { body: LIST_PAGE_2, cutAfterBytes: 300 } },
    ]);
    const [failed] = await ingestArxivOai(env(), broken.client, { categories: CATEGORIES, since: '2016-10-20' });
    await broken.server.close();
    expect(failed).toMatchObject({ status: 'partial', requests: 2, inserted: EXPECTED.length - 1 });
    expect(failed?.errors.at(-1)).toMatch(/^cs: .*; the next run resumes from where this one stopped$/);
    expect(await t.db.selectFrom('ingest_runs').selectAll().where('id', '=', failed?.id as string).executeTakeFirst()).toMatchObject({ status: 'partial', requests: 2, inserted: EXPECTED.length - 1 });
    expect(await getCheckpoint<OaiCheckpoint>(t.db, 'arxiv-oai:cs:cs.CC,cs.DC,cs.DL,cs.DM,cs.IT,cs.LG')).toEqual({ window: { from: '2016-10-20', token: '1403493|1001', prefix: 'arXivRaw' }, highWater: '2016-10-21' });
    const fromPage1 = await ids();
    expect(fromPage1).toEqual(EXPECTED.filter((id) => id !== '0804.2273'));

    // The next run (no --since) asks for the token only, and finishes with the exact set.
    const resumed = await setup([{ path: '/oai', query: NEXT, respond: { body: LIST_PAGE_2 } }]);
    const [ok] = await ingestArxivOai(env(), resumed.client, { categories: CATEGORIES });
    await resumed.server.close();
    expect(ok).toMatchObject({ status: 'ok', requests: 1, inserted: 1 });
    expect(resumed.server.requests.map((r) => r.query)).toEqual([NEXT]);
    expect(await ids()).toEqual(EXPECTED);

    // An expired token: the window is harvested again from its start; nothing is doubled.
    await t.db.updateTable('ingest_checkpoints').set({ state: JSON.stringify({ window: { from: '2016-10-20', token: '1403493|1001' }, highWater: '2016-10-21' }) }).execute();
    const expired = await setup([
      { path: '/oai', query: NEXT, respond: [{ body: BAD_TOKEN }, { body: LIST_PAGE_2 }] },
      { path: '/oai', query: FIRST, respond: { body: LIST_PAGE_1 } },
    ]);
    const [again] = await ingestArxivOai(env(), expired.client, { categories: CATEGORIES });
    await expired.server.close();
    // The problem it got over is still one: the run ends partial, as its command exits 3.
    expect(again?.status).toBe('partial');
    expect(again?.errors).toEqual(['cs: resumption token expired; harvesting the window from 2016-10-20 again']);
    expect(expired.server.requests.map((r) => r.query)).toEqual([NEXT, FIRST, NEXT]);
    expect(again).toMatchObject({ inserted: 0 });
    expect(await ids()).toEqual(EXPECTED);
  });

  it('announcements put new and cross-listed papers in that day\'s feed and add cross-list categories', async () => {
    await storePapers(t.db, [paperInput({ id: '2508.13426', title: 'ALIGN (from Hugging Face)', categories: [], upvotes: 12, comments: 3, feedDate: '2025-08-19', organization: 'Lab' })]);
    const { server, client } = await setup([{ path: '/atom/cs.AI', respond: { body: ANNOUNCEMENTS } }]);
    try {
      const run = await ingestArxivAnnouncements(env(), client, { categories: ['cs.AI'] });
      expect(run).toMatchObject({ status: 'ok', inserted: 6, updated: 1 });
      expect(await findPaper(t.db, '2508.14001')).toMatchObject({ feedDate: '2025-08-20', categories: ['cs.AI', 'cs.LG'] });
      // Merged, not doubled: HF's votes, comments, organization and feed date stay; arXiv adds the rest.
      expect(await findPaper(t.db, '2508.13426')).toMatchObject({
        title: 'ALIGN: Word Association Learning for Cross-Cultural Generalization in Large Language Models',
        upvotes: 12,
        comments: 3,
        organization: 'Lab',
        feedDate: '2025-08-19',
        categories: ['cs.CL', 'cs.AI'],
      });
    } finally {
      await server.close();
    }
  });

  it('an announced replacement never sets a feed date: a stored paper keeps its day and votes, another is stored outside the feed', async () => {
    await storePapers(t.db, [paperInput({ id: '2401.00001', title: 'Old title', upvotes: 9, comments: 2, feedDate: '2024-01-03', version: 1 })]);
    const { server, client } = await setup([{ path: '/atom/cs.AI', respond: { body: ANNOUNCEMENTS_WITH_REPLACEMENTS } }]);
    try {
      const run = await ingestArxivAnnouncements(env(), client, { categories: ['cs.AI'] });
      expect(run).toMatchObject({ status: 'ok', inserted: 1, updated: 1 });
      expect(await findPaper(t.db, '2401.00001')).toMatchObject({ title: 'Word Association Learning, Revised', version: 3, upvotes: 9, comments: 2, feedDate: '2024-01-03' });
      expect(await findPaper(t.db, '2401.00002')).toMatchObject({ title: 'An Older Paper, Replaced', version: 2, feedDate: null, categories: ['cs.CL', 'cs.AI'] });
      // The announcement day's feed holds the new and cross-listed papers only.
      const day = await t.db.selectFrom('papers').select('id').where('feed_date', '=', '2025-08-20').orderBy('id').execute();
      expect(day.map((r) => r.id)).toEqual(['2508.13428', '2508.13429', '2508.13434', '2508.13435', '2508.14001', '2508.14002']);
    } finally {
      await server.close();
    }
  });

  it('a look-up by ids names the ids arXiv does not know and ends partial', async () => {
    const { server, client } = await setup([
      { path: '/api/query', query: { id_list: '1707.08567,2104.12255', start: '0', max_results: '2' }, respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } },
      { path: '/api/query', query: { id_list: '2104.12255,1707.08567', start: '0', max_results: '2' }, respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } },
    ]);
    try {
      const none = await ingestArxivIds(env(), client, ['1707.08567', '2104.12255']);
      expect(none).toMatchObject({ status: 'partial', requests: 1, inserted: 0, errors: ['not found on arXiv: 1707.08567, 2104.12255'] });
      const some = await ingestArxivIds(env(), client, ['2104.12255', '1707.08567']);
      expect(some).toMatchObject({ status: 'partial', errors: ['not found on arXiv: 1707.08567'] });
      expect(await findPaper(t.db, '2104.12255')).toBeDefined();
    } finally {
      await server.close();
    }
  });

  it('completing papers without categories counts the ones arXiv has not announced yet, without failing the run', async () => {
    await storePapers(t.db, [paperInput({ id: '2612.99901', title: 'Listed before it was announced', feedDate: '2026-12-01' })]);
    const { server, client } = await setup([{ path: '/api/query', respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } }]);
    try {
      const run = await enrichFromArxiv(env(), client, { dates: ['2026-12-01'], max: 10 });
      expect(run).toMatchObject({ status: 'ok', requests: 1, inserted: 0, errors: [] });
    } finally {
      await server.close();
    }
  });

  it('a replacement updates title, abstract and version but keeps votes and comments', async () => {
    await storePapers(t.db, [paperInput({ id: '2104.12255', title: 'Old title', abstract: 'Old abstract.', upvotes: 40, comments: 7, version: 1 })]);
    const { server, client } = await setup([
      { path: '/api/query', query: { id_list: '2104.12255', start: '0', max_results: '1' }, respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } },
    ]);
    try {
      const run = await ingestArxivIds(env(), client, ['2104.12255']);
      expect(run).toMatchObject({ status: 'ok', updated: 1 });
      const p = await findPaper(t.db, '2104.12255');
      expect(p?.title).not.toBe('Old title');
      expect(p?.abstract).not.toBe('Old abstract.');
      expect(p).toMatchObject({ upvotes: 40, comments: 7 });
    } finally {
      await server.close();
    }
  });
});
