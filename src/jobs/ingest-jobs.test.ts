// The scheduled Hugging Face job against recorded days replayed locally, on a fake clock: it reads
// every day since the last one it stored (so a server down for days misses none, up to 14 days
// back), and re-reads the past week on the first run of each UTC day, refreshing vote counts. A
// run another node is making is skipped with a note; one a dead process of this host left is taken
// over; one whose lease another node takes over mid-run stops, and the scheduler's log warns of it.
import { hostname } from 'node:os';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../../test/arxiv-fixtures.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { hfRoutes, loadHfDays } from '../../test/hf-days.ts';
import { startReplayServer, type ReplayServer } from '../../test/replay-server.ts';
import { datesBetween, type HfCheckpoint, HF_SOURCE } from '../actions/ingest/hf.ts';
import { LEASE_MS } from '../actions/ingest/runner.ts';
import { loadConfig } from '../config.ts';
import { acquireLease, getCheckpoint, listRuns, releaseLease } from '../db/ingest.ts';
import { findPaper } from '../db/papers.ts';
import { virtualClock } from '../sources/http/clock.ts';
import type { FetchLike } from '../sources/http/polite-fetch.ts';
import { ingestJobs } from './ingest-jobs.ts';
import { createSources } from './sources.ts';

const days = await loadHfDays();
type Item = { paper: { id: string; upvotes: number } };
/** 2026-08-17 as recorded, and the same day later with 100 more votes on its first paper. */
const recorded = JSON.parse(days.get('2026-08-17') as string) as Item[];
const voted = structuredClone(recorded);
voted[0]!.paper.upvotes += 100;

describe.each(DIALECTS)('scheduled Hugging Face job (%s)', (dialect) => {
  let t: TestDatabase;
  let hf: ReplayServer;
  let arxiv: ReplayServer;
  let clock = new Date();
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    hf = await startReplayServer([
      { path: '/api/daily_papers', query: { date: '2026-08-17', limit: '100' }, respond: [{ body: JSON.stringify(recorded) }, { body: JSON.stringify(voted) }] },
      ...hfRoutes(days, '2026-08-01', '2026-09-30'),
    ]);
    // arXiv knows none of these ids (a recorded empty answer): the look-up only has to be asked.
    arxiv = await startReplayServer([{ path: '/api/query', respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } }]);
  });
  afterAll(async () => {
    await hf.close();
    await arxiv.close();
    await t.drop();
  });

  /** Runs the job at a moment; returns the days it asked Hugging Face for. */
  const runAt = async (iso: string): Promise<string[]> => {
    clock = new Date(iso);
    const cfg = loadConfig({ HF_BASE_URL: hf.url, HF_MIN_INTERVAL_MS: '300', ARXIV_API_URL: `${arxiv.url}/api/query` });
    const jobs = ingestJobs(cfg, t, pino({ level: 'silent' }), createSources(cfg, { clock: virtualClock() }), () => clock);
    const before = hf.requests.length;
    await jobs.find((j) => j.name === 'hf-daily')!.run();
    return hf.requests.slice(before).map((r) => r.query.date as string);
  };

  it('catches up the days it missed and refreshes the past week once a day', async () => {
    // The first run re-reads the past week; later runs that day, yesterday and today.
    expect(await runAt('2026-08-21T15:00:00Z')).toEqual(datesBetween('2026-08-15', '2026-08-21'));
    expect(await runAt('2026-08-21T17:00:00Z')).toEqual(['2026-08-20', '2026-08-21']);
    const paper = recorded[0]!.paper;
    expect((await findPaper(t.db, paper.id))?.upvotes).toBe(paper.upvotes);

    // The first run of the next UTC day reads the past week again: the votes of the 17th move.
    expect(await runAt('2026-08-22T00:15:00Z')).toEqual(datesBetween('2026-08-16', '2026-08-22'));
    expect((await findPaper(t.db, paper.id))?.upvotes).toBe(paper.upvotes + 100);

    // Down for ten days: every day since the last one stored is read.
    expect(await runAt('2026-09-01T10:00:00Z')).toEqual(datesBetween('2026-08-22', '2026-09-01'));
    // Down for twenty days: as far as 14 days back.
    expect(await runAt('2026-09-21T10:00:00Z')).toEqual(datesBetween('2026-09-07', '2026-09-21'));
    expect((await getCheckpoint<HfCheckpoint>(t.db, HF_SOURCE))?.schedule).toEqual({ reached: '2026-09-21', refreshed: '2026-09-21' });
    expect((await listRuns(t.db, 10, HF_SOURCE)).map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    // Their arXiv categories were asked for, for the papers of the days read.
    expect(arxiv.requests.length).toBeGreaterThan(0);
  });

  it('takes over at once the lease of a process of this host that died mid-run', async () => {
    // A pid that cannot exist (above Linux's pid_max).
    await acquireLease(t.db, HF_SOURCE, `${hostname()}:99999999:scheduler`, new Date(), 60_000);
    const runs = (await listRuns(t.db, 100, HF_SOURCE)).length;
    const cfg = loadConfig({ HF_BASE_URL: hf.url, HF_MIN_INTERVAL_MS: '300', ARXIV_API_URL: `${arxiv.url}/api/query` });
    await ingestJobs(cfg, t, pino({ level: 'silent' }), createSources(cfg, { clock: virtualClock() })).find((j) => j.name === 'hf-daily')!.run();
    expect(await listRuns(t.db, 100, HF_SOURCE)).toHaveLength(runs + 1);
  });

  it("records a scheduled run's HTTP attempts: its requests and the retries its sources made", async () => {
    clock = new Date('2026-09-26T10:00:00Z');
    const cfg = loadConfig({ HF_BASE_URL: hf.url, HF_MIN_INTERVAL_MS: '300', ARXIV_API_URL: `${arxiv.url}/api/query` });
    let busy = 2;
    // Hugging Face is busy for the first two requests of the run: each is tried again.
    const fetch: FetchLike = async (url, init) => {
      if (url.includes('/api/daily_papers') && busy > 0) {
        busy--;
        return new Response('', { status: 503, headers: { 'retry-after': '1' } });
      }
      return globalThis.fetch(url, init);
    };
    const before = new Set((await listRuns(t.db, 100, HF_SOURCE)).map((r) => r.id));
    await ingestJobs(cfg, t, pino({ level: 'silent' }), createSources(cfg, { clock: virtualClock(), fetch }), () => clock).find((j) => j.name === 'hf-daily')!.run();
    const run = (await listRuns(t.db, 100, HF_SOURCE)).find((r) => !before.has(r.id));
    expect(run?.requests).toBeGreaterThan(0);
    expect(run?.attempts).toBe((run?.requests ?? 0) + 2);
  });

  it('warns in its log when another node takes the lease over mid-run, and the run stops', async () => {
    clock = new Date('2026-09-25T10:00:00Z');
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const cfg = loadConfig({ HF_BASE_URL: hf.url, HF_MIN_INTERVAL_MS: '300', ARXIV_API_URL: `${arxiv.url}/api/query` });
    let taken = false;
    // While the first day is being fetched, this run's lease lapses and another node takes it.
    const fetch: FetchLike = async (url, init) => {
      if (!taken) {
        taken = true;
        clock = new Date(clock.getTime() + LEASE_MS + 60_000);
        expect(await acquireLease(t.db, HF_SOURCE, 'other-node:2:scheduler', clock, LEASE_MS)).toBe(true);
      }
      return globalThis.fetch(url, init);
    };
    try {
      await ingestJobs(cfg, t, logger, createSources(cfg, { clock: virtualClock(), fetch }), () => clock).find((j) => j.name === 'hf-daily')!.run();
      const warning = lines.find((l) => l['level'] === 40);
      const run = (await listRuns(t.db, 100, HF_SOURCE)).find((r) => r.id === warning?.['run']);
      expect(run?.status).toBe('failed');
      expect(warning).toEqual(
        expect.objectContaining({ source: HF_SOURCE, heldBy: 'other-node:2:scheduler', next: 'the run stops: this batch is not stored', msg: expect.stringMatching(/^ingestion lease of hf-daily not renewed/) }),
      );
    } finally {
      await releaseLease(t.db, HF_SOURCE, 'other-node:2:scheduler');
    }
  });

  it('skips a run another node is making, with a note rather than a failure', async () => {
    await acquireLease(t.db, HF_SOURCE, 'other-node:1:scheduler', new Date(), 60_000);
    try {
      const lines: { msg: string; job?: string }[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
      const cfg = loadConfig({ HF_BASE_URL: hf.url, HF_MIN_INTERVAL_MS: '300' });
      const before = hf.requests.length;
      const runs = (await listRuns(t.db, 100, HF_SOURCE)).length;
      await ingestJobs(cfg, t, logger, createSources(cfg, { clock: virtualClock() })).find((j) => j.name === 'hf-daily')!.run();
      expect(lines).toEqual([expect.objectContaining({ job: 'hf-daily', msg: 'scheduled ingestion skipped: another process or node is running it' })]);
      expect(hf.requests.length).toBe(before);
      expect(await listRuns(t.db, 100, HF_SOURCE)).toHaveLength(runs);
    } finally {
      await releaseLease(t.db, HF_SOURCE, 'other-node:1:scheduler');
    }
  });
});
