// Two arXiv clients that share nothing but the store (as two processes would: all shared state is
// in the database) keep arXiv's rules together: requests never overlap, each starts at least the
// interval after the previous answer ended, and a Retry-After seen by one keeps the other quiet.
// A short interval stands in for arXiv's 3 s; the fetchers' floor is lowered for the test only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { type RecordedRequest, type ReplayRoute, type ReplayServer, startReplayServer } from '../../test/replay-server.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { sharedRequestGate } from '../db/source-throttle.ts';
import { createPoliteFetcher } from '../sources/http/polite-fetch.ts';

const INTERVAL = 200;

describe.each(DIALECTS)('arXiv spacing shared through the store (%s)', (dialect) => {
  let t: TestDatabase;
  let other: Database;
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    other = openDatabase(t.url, t.env.DATABASE_SCHEMA ? { pgSchema: t.env.DATABASE_SCHEMA } : {});
  });
  afterEach(async () => server?.close());
  afterAll(async () => {
    await other?.close();
    await t.drop();
  });

  /** A client as a separate process would build it: its own fetcher, its own gate, its own connection. */
  const client = (database: Database, owner: string) =>
    createPoliteFetcher({
      userAgent: 'Paperboy-test (mailto:t@example.org)',
      minIntervalMs: INTERVAL,
      floorMs: INTERVAL,
      maxRetries: 2,
      random: () => 0,
      gate: sharedRequestGate(database, 'arxiv', { intervalMs: INTERVAL, owner, pollMs: 20 }),
    });

  async function serve(routes: ReplayRoute[]): Promise<ReplayServer> {
    server = await startReplayServer(routes);
    return server;
  }

  /** Every request starts after the previous answer ended, by at least the interval. */
  function expectSpaced(requests: RecordedRequest[], gapMs = INTERVAL): void {
    const sorted = [...requests].sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as RecordedRequest;
      const cur = sorted[i] as RecordedRequest;
      expect(prev.doneAt).toBeDefined();
      // 1 ms of slack: the database clock counts whole milliseconds.
      expect(cur.at - (prev.doneAt as number)).toBeGreaterThanOrEqual(gapMs - 1);
      expect(cur.at - prev.at).toBeGreaterThanOrEqual(gapMs);
    }
  }

  it('two clients asking at once never overlap and keep the interval after each answer', async () => {
    const srv = await serve([{ path: '/api/query', respond: { body: '<feed/>', delayMs: 120 } }]);
    const a = client(t, 'node-a');
    const b = client(other, 'node-b');
    await Promise.all([1, 2, 3].flatMap((i) => [a.get(`${srv.url}/api/query?c=a&i=${i}`), b.get(`${srv.url}/api/query?c=b&i=${i}`)]));
    expect(srv.requests).toHaveLength(6);
    expect(new Set(srv.requests.map((r) => r.query['c']))).toEqual(new Set(['a', 'b']));
    expectSpaced(srv.requests);
  });

  it("a Retry-After answered to one client keeps the other quiet for as long", async () => {
    const srv = await serve([
      { path: '/oai', respond: [{ status: 429, headers: { 'retry-after': '1' } }, { body: '<OAI-PMH/>' }] },
      { path: '/api/query', respond: { body: '<feed/>' } },
    ]);
    const a = client(t, 'node-a');
    const b = client(other, 'node-b');
    const first = a.get(`${srv.url}/oai`);
    while (srv.requests.length === 0 || srv.requests[0]?.doneAt === undefined) await new Promise((r) => setTimeout(r, 5));
    const [oai, api] = await Promise.all([first, b.get(`${srv.url}/api/query`)]);
    expect([oai.status, api.status]).toEqual([200, 200]);
    const [limited, ...rest] = srv.requests;
    expect(limited?.path).toBe('/oai');
    expect(rest.map((r) => r.path).sort()).toEqual(['/api/query', '/oai']);
    for (const r of rest) expect(r.at - (limited?.doneAt as number)).toBeGreaterThanOrEqual(999);
    expectSpaced(srv.requests);
  });
});
