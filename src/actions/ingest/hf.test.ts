// Ingesting Hugging Face's daily papers from two years of recorded answers replayed locally:
// the exact set of papers, field by field, idempotent re-runs, bad answers (the run ends partial;
// a failed day is retried by the next runs, then given up), and resuming.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { hfRoutes, loadHfDays } from '../../../test/hf-days.ts';
import { startReplayServer, type ReplayServer } from '../../../test/replay-server.ts';
import { countPapers, findPaper } from '../../db/papers.ts';
import { listRuns } from '../../db/ingest.ts';
import { createHfDailyClient } from '../../sources/hf-daily.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { datesBetween, type HfCheckpoint, HF_SOURCE, ingestHfDaily, ingestHfPeriod, ingestHfScheduled } from './hf.ts';
import { getCheckpoint } from '../../db/ingest.ts';

const days = await loadHfDays();

function client(server: ReplayServer, clock = virtualClock()) {
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 1000, floorMs: 1000, maxRetries: 2, clock });
  return { hf: createHfDailyClient(fetcher, server.url), clock };
}

describe.each(DIALECTS)('HF daily ingestion (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  const env = () => ({ db: t.db, now: () => new Date('2026-08-21T22:00:00Z'), owner: 'test' });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer(hfRoutes(days, '2024-05-20', '2026-08-21'));
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('loads two years of days: every valid paper once, bad records and the malformed day reported', async () => {
    const { hf, clock } = client(server);
    const summary = await ingestHfDaily(env(), hf, { since: '2024-05-27' });
    // The malformed day is missing: the run went to the end, but it is not "ok".
    expect(summary.status).toBe('partial');
    expect(summary.requests).toBe(817);
    // 9,577 papers as JSON objects, and 291 (21 days from 2024-12-11) as the Python literals of theirs.
    expect(await countPapers(t.db)).toBe(9868);
    expect(summary.inserted).toBe(9868);
    expect(summary.errors).toContainEqual(expect.stringMatching(/^2025-01-10: Hugging Face answered an object with keys status, date, count, data/));
    expect(summary.rejected).toBe(0);
    expect(await findPaper(t.db, '2412.07760')).toMatchObject({ feedDate: '2024-12-12', authors: expect.arrayContaining(['Jianhong Bai', 'Menghan Xia']) });
    // Requests were spaced by the interval (virtual time: no request started early).
    expect(clock.sleeps.length).toBeGreaterThan(800);
    const paper = await findPaper(t.db, '2608.19880');
    expect(paper).toMatchObject({
      title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
      feedDate: '2026-08-21',
      publishedOn: '2026-08-20',
      submittedBy: 'taesiri',
      authors: expect.arrayContaining(['Chengsong Huang', 'Tomas Pfister']),
    });
    expect(paper?.upvotes).toBeGreaterThan(0);
    expect(paper?.aiKeywords.length).toBeGreaterThan(0);
    const cp = await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE);
    expect(cp).toEqual({ ranges: { '2024-05-27': '2026-08-21' }, failed: ['2025-01-10'], attempts: { '2025-01-10': 1 } });
  }, 300_000);

  it('re-running a day updates its counts and never duplicates', async () => {
    const body = JSON.parse(days.get('2026-08-21') as string) as { paper: { id: string; upvotes: number } }[];
    const first = body[0] as { paper: { id: string; upvotes: number } };
    first.paper.upvotes += 100;
    const bumped = await startReplayServer([{ path: '/api/daily_papers', query: { date: '2026-08-21', limit: '100' }, respond: { body: JSON.stringify(body) } }]);
    try {
      const before = await countPapers(t.db);
      const summary = await ingestHfDaily(env(), client(bumped).hf, { dates: ['2026-08-21'] });
      // A day asked for by name is all the run reads: the failed day of the first test waits.
      expect(summary).toMatchObject({ status: 'ok', requests: 1, inserted: 0, updated: 1, unchanged: body.length - 1 });
      expect(summary.errors).toEqual([]);
      expect(bumped.requests.map((r) => r.query.date)).toEqual(['2026-08-21']);
      expect(await countPapers(t.db)).toBe(before);
      expect((await findPaper(t.db, first.paper.id))?.upvotes).toBe(first.paper.upvotes);
    } finally {
      await bumped.close();
    }
  });

  it('imports a week day by day up to today, leaving the ranges\' checkpoint as it was', async () => {
    const week = datesBetween('2026-08-17', '2026-08-21').flatMap((d) => JSON.parse(days.get(d) ?? '[]') as unknown[]);
    const before = await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE);
    expect(before?.attempts).toEqual({ '2025-01-10': 1 });
    const from = server.requests.length;
    const summary = await ingestHfPeriod(env(), client(server).hf, 'week', '2026-W34');
    // A week asked for by name reads its days only.
    expect(server.requests.slice(from).map((r) => r.query.date)).toEqual(datesBetween('2026-08-17', '2026-08-21'));
    expect(summary).toMatchObject({ status: 'ok', requests: 5, inserted: 0 });
    expect(summary.updated + summary.unchanged).toBe(week.length);
    // A range run retries the malformed day of the first test first, as every such run does until it works...
    const range = await ingestHfDaily(env(), client(server).hf, { since: '2026-08-21' });
    expect(range).toMatchObject({ status: 'partial', requests: 2 });
    expect(range.errors).toEqual([expect.stringMatching(/^2025-01-10: Hugging Face answered an object/)]);
    // ...or until its third failure: then it is given up, and the run's errors say so.
    const third = await ingestHfDaily(env(), client(server).hf, { since: '2026-08-21' });
    expect(third.errors).toEqual([
      expect.stringMatching(/^2025-01-10: Hugging Face answered an object/),
      '2025-01-10: given up after 3 failed attempts; later runs no longer retry it, `npx paperboy ingest hf --date 2025-01-10` reads it again',
    ]);
    expect(await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE)).toEqual({ ranges: { ...before?.ranges, '2026-08-21': '2026-08-21' }, failed: [], attempts: {} });
    // Later runs no longer ask for it, and end "ok".
    const after = server.requests.length;
    expect(await ingestHfDaily(env(), client(server).hf, { dates: ['2026-08-21'] })).toMatchObject({ status: 'ok', requests: 1, errors: [] });
    expect(server.requests.slice(after).map((r) => r.query.date)).toEqual(['2026-08-21']);
  });

  /** A client of a port nobody listens on. */
  async function nowhereClient() {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    return createHfDailyClient(createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 1000, floorMs: 1000, maxRetries: 1, clock: virtualClock() }), `http://127.0.0.1:${port}`);
  }

  it('stops a range after two days in a row without any answer, and running it again reads the days left', async () => {
    const summary = await ingestHfDaily(env(), await nowhereClient(), { since: '2026-08-10', until: '2026-08-16' });
    expect(summary).toMatchObject({ status: 'failed', requests: 2 });
    expect(summary.errors.at(-1)).toBe('stopped: Hugging Face could not be reached for 2 days in a row (check HF_BASE_URL and the network); 5 days left: run the same command again to read them');
    // The same range, the source back: every day of it is read.
    const from = server.requests.length;
    expect(await ingestHfDaily(env(), client(server).hf, { since: '2026-08-10', until: '2026-08-16' })).toMatchObject({ status: 'ok' });
    expect(server.requests.slice(from).map((r) => r.query.date)).toEqual(datesBetween('2026-08-10', '2026-08-16'));
  });

  it('a bad answer (HTML page, truncated JSON) fails that day with a clear message and changes nothing', async () => {
    const bad = await startReplayServer([
      { path: '/api/daily_papers', query: { date: '2026-08-20', limit: '100' }, respond: { body: '<html><body>Bad gateway</body></html>' } },
      { path: '/api/daily_papers', query: { date: '2026-08-21', limit: '100' }, respond: { body: (days.get('2026-08-21') as string).slice(0, 5000) } },
    ]);
    try {
      const before = await t.db.selectFrom('papers').selectAll().orderBy('id').execute();
      const summary = await ingestHfDaily(env(), client(bad).hf, { dates: ['2026-08-20', '2026-08-21'] });
      expect(summary.errors).toEqual([
        '2026-08-20: Hugging Face answered an HTML page instead of a list of papers',
        expect.stringMatching(/^2026-08-21: Hugging Face answered invalid JSON/),
      ]);
      expect(await t.db.selectFrom('papers').selectAll().orderBy('id').execute()).toEqual(before);
      const cp = await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE);
      expect(cp).toMatchObject({ failed: ['2026-08-20', '2026-08-21'], attempts: { '2026-08-20': 1, '2026-08-21': 1 } });
    } finally {
      await bad.close();
    }
    const runs = await listRuns(t.db, 10, HF_SOURCE);
    // Every run that could not use a day says so (the first, and the two range runs that retried
    // its bad day); runs of days asked for by name were clean; the last one, whose every day
    // failed, failed, as did the one that found no source at all.
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'failed', 'ok', 'ok', 'ok', 'ok', 'partial', 'partial', 'partial']);
  });

  it('tells a stopped month to run the same command again, and a stopped scheduled run that the next scheduled run reads its days', async () => {
    const month = await ingestHfPeriod(env(), await nowhereClient(), 'month', '2026-08');
    expect(month.errors.at(-1)).toBe('stopped: Hugging Face could not be reached for 2 days in a row (check HF_BASE_URL and the network); 19 days left: run the same command again to read them');
    const scheduled = await ingestHfScheduled(env(), await nowhereClient());
    expect(scheduled.days.length).toBeGreaterThan(2);
    expect(scheduled.run.errors.at(-1)).toMatch(/^stopped: Hugging Face could not be reached for 2 days in a row \(check HF_BASE_URL and the network\); \d+ days left, which the next scheduled run reads$/);
  });

  it('names the days Hugging Face listed no paper for (a weekend), and no others', async () => {
    const empty = datesBetween('2026-08-01', '2026-08-21').filter((d) => (JSON.parse(days.get(d) ?? '[]') as unknown[]).length === 0);
    expect(empty.length).toBeGreaterThan(0);
    const run = await ingestHfDaily(env(), client(server).hf, { dates: [empty[0] as string, '2026-08-20'] });
    expect(run).toMatchObject({ status: 'ok', errors: [], notes: [`no papers listed for ${empty[0]}`] });
    expect((await ingestHfDaily(env(), client(server).hf, { dates: ['2026-08-20'] })).notes).toBeUndefined();
  });
});
