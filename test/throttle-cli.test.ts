// Three arXiv runs at once, as a user would start them: an OAI harvest, the announcement feed and an id
// look-up started at once as three `paperboy ingest arxiv` processes on one store. arXiv (a local
// replay server) must see one request at a time, each at least 3 s after the previous answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ARXIV_ROUTES } from './arxiv-fixtures.ts';
import { runCli } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { type RecordedRequest, type ReplayServer, startReplayServer } from './replay-server.ts';

describe.each(DIALECTS)('three arXiv ingestions at once (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer(ALL_ARXIV_ROUTES);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('send arXiv one request at a time, 3 s apart, across processes', async () => {
    const env = { ...t.env, ARXIV_API_URL: `${server.url}/api/query`, ARXIV_OAI_URL: `${server.url}/oai`, ARXIV_RSS_URL: `${server.url}/atom`, LOG_LEVEL: 'warn' };
    const runs = await Promise.all([
      runCli(['ingest', 'arxiv', '--categories', 'cs.AI', '--since', '2016-10-20'], env),
      runCli(['ingest', 'arxiv', '--categories', 'cs.AI', '--announced'], env),
      runCli(['ingest', 'arxiv', '--ids', '2104.12255'], env),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/api/query', '/atom/cs.AI', '/oai', '/oai']);
    const sorted = [...server.requests].sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as RecordedRequest;
      const cur = sorted[i] as RecordedRequest;
      // 1 ms of slack: the database clock counts whole milliseconds.
      expect(cur.at - (prev.doneAt as number)).toBeGreaterThanOrEqual(2999);
    }
  }, 60_000);
});
