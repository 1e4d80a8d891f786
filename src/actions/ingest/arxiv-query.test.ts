// Back-fills by an arXiv search query, from recorded API answers replayed locally: an interrupted
// back-fill resumes where it stopped, and a finished one can be run again from the start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../../../test/arxiv-fixtures.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { type ReplayRoute, startReplayServer } from '../../../test/replay-server.ts';
import { getCheckpoint } from '../../db/ingest.ts';
import { countPapers } from '../../db/papers.ts';
import { createArxivClient } from '../../sources/arxiv/index.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { ingestArxivQuery } from './arxiv.ts';

const page = (start: number, max: number) => ({ search_query: 'all:testing', start: String(start), max_results: String(max) });
/** `--max 20`: the first 10 results, then the next 10 (the API answers 10 per page here). */
const FIRST = { path: '/api/query', query: page(0, 20), respond: { body: apiFixture('q_testing_s0_m10_bc5a6c384fe9') } };
const SECOND = { path: '/api/query', query: page(10, 10), respond: { body: apiFixture('q_testing_s10_m10_34e56e15aaac') } };

describe.each(DIALECTS)('arXiv back-fill by query (%s)', (dialect) => {
  let t: TestDatabase;
  const env = () => ({ db: t.db, now: () => new Date('2026-08-21T01:00:00Z'), owner: 'test' });
  const backfill = async (routes: ReplayRoute[]) => {
    const server = await startReplayServer(routes);
    const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:t@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock() });
    const client = createArxivClient({ fetcher, apiBaseUrl: `${server.url}/api/query` });
    try {
      const run = await ingestArxivQuery(env(), client, { query: 'all:testing', max: 20 });
      return { run, asked: server.requests.map((r) => `${r.query.start}+${r.query.max_results}`) };
    } finally {
      await server.close();
    }
  };
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('fails outright when the first request fails, and stores nothing', async () => {
    const broken = await backfill([{ ...FIRST, respond: { status: 500, body: 'oops' } }]);
    expect(broken.run).toMatchObject({ status: 'failed', requests: 1, inserted: 0 });
    expect(await getCheckpoint(t.db, 'arxiv-query')).toBeUndefined();
    expect(await countPapers(t.db)).toBe(0);
  });

  it('resumes an interrupted back-fill, and reads a finished one again from the start', async () => {
    const broken = await backfill([FIRST, { ...SECOND, respond: { status: 500, body: 'oops' } }]);
    // The first page is stored: partial, with the failed request counted and named.
    expect(broken.run).toMatchObject({ status: 'partial', requests: 2, inserted: 10 });
    expect(broken.run.errors.join('\n')).toMatch(/query: .*500.*resumes at result 10/s);
    expect(await getCheckpoint(t.db, 'arxiv-query')).toEqual({ query: 'all:testing', next: 10 });

    const resumed = await backfill([FIRST, SECOND]);
    expect(resumed.asked).toEqual(['10+10']);
    expect(resumed.run).toMatchObject({ status: 'ok', requests: 1, inserted: 10 });
    expect(await countPapers(t.db)).toBe(20);
    expect(await getCheckpoint(t.db, 'arxiv-query')).toBeUndefined();

    // Finished: the same command reads the query again instead of "0 requests, 0 new".
    const again = await backfill([FIRST, SECOND]);
    expect(again.asked).toEqual(['0+20', '10+10']);
    expect(again.run).toMatchObject({ status: 'ok', requests: 2, inserted: 0, unchanged: 20 });
  });
});
