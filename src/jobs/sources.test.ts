// One arXiv queue per process: a submission's look-up and the scheduled harvest go through the
// same polite fetcher, so no two requests to arXiv start less than 3 seconds apart (virtual clock).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ARXIV_ROUTES } from '../../test/arxiv-fixtures.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { startReplayServer, type ReplayServer } from '../../test/replay-server.ts';
import { loadConfig } from '../config.ts';
import { virtualClock } from '../sources/http/clock.ts';
import { ingestJobs } from './ingest-jobs.ts';
import { createSources } from './sources.ts';

describe.each(DIALECTS)('shared arXiv client (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer(ALL_ARXIV_ROUTES);
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('spaces a submission look-up and the scheduled harvest at least 3 s apart', async () => {
    const config = loadConfig({ ARXIV_API_URL: `${server.url}/api/query`, ARXIV_OAI_URL: `${server.url}/oai`, ARXIV_RSS_URL: `${server.url}/atom`, INGEST_CATEGORIES: 'cs.AI' });
    const clock = virtualClock();
    const starts: number[] = [];
    const sources = createSources(config, { clock, fetch: (url, init) => (starts.push(clock.now()), fetch(url, init)) });
    const jobs = ingestJobs(config, t, pino({ level: 'silent' }), sources, () => new Date('2016-10-22T06:00:00Z'));
    // The submission (what the HTTP app does with sources.arxiv) and the arXiv job, at the same time.
    const [records] = await Promise.all([sources.arxiv.lookup(['2104.12255']), jobs.find((j) => j.name === 'arxiv')?.run()]);
    expect(records?.map((r) => r.arxivId)).toEqual(['2104.12255']);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/query', '/atom/cs.AI', '/oai', '/oai']);
    expect(starts).toHaveLength(4);
    for (let i = 1; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(3000);
  });
});
