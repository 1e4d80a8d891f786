// Ranges of Hugging Face days: a range covers every one of its days whatever other runs did in
// between (scheduled runs, single days, other ranges) and resumes where it stopped; each paper
// lands on the day that listed it; weeks and months are read day by day, each day every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { hfRoutes, loadHfDays } from '../../../test/hf-days.ts';
import { startReplayServer, type ReplayServer } from '../../../test/replay-server.ts';
import { getCheckpoint } from '../../db/ingest.ts';
import { createHfDailyClient } from '../../sources/hf-daily.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { datesBetween, type HfCheckpoint, HF_SOURCE, ingestHfDaily, ingestHfPeriod } from './hf.ts';

const days = await loadHfDays();

describe.each(DIALECTS)('HF ranges (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  const env = () => ({ db: t.db, now: () => new Date('2026-08-21T22:00:00Z'), owner: 'test' });
  const hf = () => createHfDailyClient(createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 1000, floorMs: 1000, maxRetries: 0, clock: virtualClock() }), server.url);
  /** The days asked for by the requests made while `fn` ran. */
  const asked = async (fn: () => Promise<unknown>): Promise<string[]> => {
    const before = server.requests.length;
    await fn();
    return server.requests.slice(before).map((r) => r.query.date as string);
  };
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer([...hfRoutes(days, '2024-05-27', '2024-05-31'), ...hfRoutes(days, '2026-08-01', '2026-08-21')]);
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('a range after a scheduled run still reads every day of the range', async () => {
    // What the schedule does every two hours: yesterday and today.
    expect(await asked(() => ingestHfDaily(env(), hf(), { dates: ['2026-08-20', '2026-08-21'] }))).toEqual(['2026-08-20', '2026-08-21']);
    const seen: unknown[] = [];
    const withProgress = { ...env(), onProgress: (_s: string, _c: unknown, _n?: string, p?: unknown) => seen.push(p) };
    expect(await asked(() => ingestHfDaily(withProgress, hf(), { since: '2026-08-15', until: '2026-08-21' }))).toEqual(datesBetween('2026-08-15', '2026-08-21'));
    // Every day committed says where the range stands, for the progress bar.
    expect(seen.filter(Boolean)).toEqual([1, 2, 3, 4, 5, 6, 7].map((done) => ({ done, total: 7, unit: 'days' })));
  });

  it('a range resumes from where that range stopped, whatever ran in between', async () => {
    expect(await asked(() => ingestHfDaily(env(), hf(), { since: '2026-08-05', until: '2026-08-08' }))).toEqual(datesBetween('2026-08-05', '2026-08-08'));
    await ingestHfDaily(env(), hf(), { dates: ['2026-08-12'] });
    await ingestHfDaily(env(), hf(), { since: '2026-08-10', until: '2026-08-13' });
    // The range that starts on the 5th goes on from its own last day, not from the 13th.
    expect(await asked(() => ingestHfDaily(env(), hf(), { since: '2026-08-05', until: '2026-08-11' }))).toEqual(datesBetween('2026-08-08', '2026-08-11'));
    expect((await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE))?.ranges).toMatchObject({ '2026-08-05': '2026-08-11', '2026-08-10': '2026-08-13' });
    // --restart reads the whole range again.
    expect(await asked(() => ingestHfDaily(env(), hf(), { since: '2026-08-10', until: '2026-08-13', restart: true }))).toEqual(datesBetween('2026-08-10', '2026-08-13'));
  });

  it('papers land on the day whose feed listed them, also items without submittedOnDailyAt', async () => {
    // Recorded in 2024, these answers have no submittedOnDailyAt; publishedAt is the arXiv date.
    await ingestHfDaily(env(), hf(), { dates: ['2024-05-27', '2024-05-28'] });
    for (const day of ['2024-05-27', '2024-05-28']) {
      const items = JSON.parse(days.get(day) as string) as { paper: { id: string; submittedOnDailyAt?: string } }[];
      const rows = await t.db.selectFrom('papers').select(['id', 'feed_date', 'feed_date_daily']).where('id', 'in', items.map((i) => i.paper.id)).execute();
      expect(rows).toHaveLength(items.length);
      expect(rows.filter((r) => r.feed_date !== day || r.feed_date_daily !== 1)).toEqual([]);
    }
  });

  it('a day of more than 100 papers is read page by page; a month is read day by day', async () => {
    const many = datesBetween('2026-08-03', '2026-08-12').flatMap((d) => JSON.parse(days.get(d) ?? '[]') as { paper: { id: string } }[]);
    expect(many.length).toBeGreaterThan(130);
    const busy = await startReplayServer([
      { path: '/api/daily_papers', query: { date: '2026-07-01', limit: '100' }, respond: { body: JSON.stringify(many.slice(0, 100)) } },
      { path: '/api/daily_papers', query: { date: '2026-07-01', limit: '100', p: '1' }, respond: { body: JSON.stringify(many.slice(100, 130)) } },
      ...datesBetween('2026-07-02', '2026-07-31').map((date) => ({ path: '/api/daily_papers', query: { date, limit: '100' }, respond: { body: '[]' } })),
    ]);
    try {
      const client = createHfDailyClient(createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 1000, floorMs: 1000, maxRetries: 0, clock: virtualClock() }), busy.url);
      const summary = await ingestHfPeriod(env(), client, 'month', '2026-07');
      expect(summary).toMatchObject({ status: 'ok', errors: [] });
      expect(busy.requests.map((r) => `${r.query.date}${r.query.p ? `/p${r.query.p}` : ''}`)).toEqual(['2026-07-01', '2026-07-01/p1', ...datesBetween('2026-07-02', '2026-07-31')]);
      const ids = many.slice(0, 130).map((i) => i.paper.id);
      const rows = await t.db.selectFrom('papers').select('id').where('id', 'in', ids).execute();
      expect(rows).toHaveLength(130);
    } finally {
      await busy.close();
    }
  });

  it('a checkpoint of the older shape (one "done" day for every run) does not make a range skip days', async () => {
    await t.db.updateTable('ingest_checkpoints').set({ state: JSON.stringify({ done: '2026-08-21', failed: [] }) }).where('source', '=', HF_SOURCE).execute();
    expect(await asked(() => ingestHfDaily(env(), hf(), { since: '2026-08-01', until: '2026-08-03' }))).toEqual(datesBetween('2026-08-01', '2026-08-03'));
  });
});
