// The ingestion schedule: arXiv once the announcement feed has the night's announcement (00:30
// ET Monday to Friday, after arXiv's 20:00 ET announcements Sunday to Thursday), across
// daylight-saving changes; jobs run and refresh the daily feed.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { apiFixture } from '../../test/arxiv-fixtures.ts';
import { hfRoutes, loadHfDays } from '../../test/hf-days.ts';
import { startReplayServer, type ReplayServer } from '../../test/replay-server.ts';
import { loadConfig } from '../config.ts';
import { HF_SOURCE } from '../actions/ingest/hf.ts';
import { saveCheckpoint } from '../db/ingest.ts';
import { arxivIdsWithoutCategories } from '../db/paper-categories.ts';
import { countPapers, findPaper } from '../db/papers.ts';
import { ingestJobs } from './ingest-jobs.ts';
import { createSources } from './sources.ts';
import { describeSchedule, nextRuns, startScheduler } from './scheduler.ts';

const config = loadConfig({});

describe('schedule', () => {
  it('harvests arXiv at 00:30 New York time, Monday to Friday, never on Saturday or Sunday', () => {
    // From Friday 2026-11-20, noon UTC: the next runs are Monday to Friday nights after midnight EST (UTC-5).
    const runs = nextRuns(config.ingestArxivCron, config.ingestTimezone, new Date('2026-11-20T12:00:00Z'), 10);
    expect(runs.slice(0, 3).map((d) => d.toISOString())).toEqual(['2026-11-23T05:30:00.000Z', '2026-11-24T05:30:00.000Z', '2026-11-25T05:30:00.000Z']);
    const weekday = (d: Date): string => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short' }).format(d);
    expect(runs.map(weekday)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    // In summer (EDT, UTC-4) the same wall-clock time is an hour earlier in UTC.
    expect(nextRuns(config.ingestArxivCron, config.ingestTimezone, new Date('2026-07-02T12:00:00Z'), 1)[0]?.toISOString()).toBe('2026-07-03T04:30:00.000Z');
  });

  it('refreshes Hugging Face every two hours', () => {
    const runs = nextRuns(config.ingestHfCron, config.ingestTimezone, new Date('2026-11-20T12:00:00Z'), 2);
    expect(runs[1]!.getTime() - runs[0]!.getTime()).toBe(2 * 3600_000);
  });
});

describe('ingestion jobs', () => {
  let t: TestDatabase;
  let server: ReplayServer;
  let arxiv: ReplayServer;
  let listed: string;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const days = await loadHfDays();
    server = await startReplayServer(hfRoutes(days, '2026-08-20', '2026-08-21'));
    // arXiv's answer for one of the day's papers: the recorded lookup answer, under that paper's id.
    listed = (JSON.parse(days.get('2026-08-21')!) as { paper: { id: string } }[])[0]!.paper.id;
    const body = apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1').replaceAll('2104.12255', listed);
    arxiv = await startReplayServer([{ path: '/api/query', respond: { body } }]);
  });
  afterAll(async () => {
    await server.close();
    await arxiv.close();
    await t.drop();
  });

  it('the Hugging Face job stores yesterday\'s and today\'s papers, then adds their arXiv categories', async () => {
    // A later run of the day (the first one re-read the past week: see ingest-jobs.test.ts).
    await saveCheckpoint(t.db, HF_SOURCE, { ranges: {}, failed: [], schedule: { reached: '2026-08-21', refreshed: '2026-08-21' } }, new Date('2026-08-21T13:00:00Z'));
    const cfg = loadConfig({ HF_BASE_URL: server.url, HF_MIN_INTERVAL_MS: '300', ARXIV_API_URL: `${arxiv.url}/api/query` });
    const jobs = ingestJobs(cfg, t, pino({ level: 'silent' }), createSources(cfg), () => new Date('2026-08-21T15:00:00Z'));
    expect(jobs.map((j) => j.name)).toEqual(['hf-daily', 'arxiv']);
    await jobs[0]!.run();
    expect(server.requests.map((r) => r.query.date)).toEqual(['2026-08-20', '2026-08-21']);
    const papers = await countPapers(t.db);
    expect(papers).toBeGreaterThan(20);
    // One look-up for every paper of the two days (fewer than 100), by id.
    expect(arxiv.requests).toHaveLength(1);
    const asked = arxiv.requests[0]!.query['id_list']!.split(',');
    expect(asked).toContain(listed);
    expect(asked).toHaveLength(papers);
    // arXiv's record merged in: categories added, the daily feed's day and votes kept.
    const paper = await findPaper(t.db, listed);
    expect(paper).toMatchObject({ categories: ['cs.CR'], feedDate: '2026-08-21' });
    expect(paper!.upvotes).toBeGreaterThan(0);
    // Nothing left to look up for that paper next time.
    expect(await arxivIdsWithoutCategories(t.db, { dates: ['2026-08-21'], limit: 100 })).not.toContain(listed);
  });

  it('the scheduler reports each job\'s next run and stops cleanly', () => {
    const scheduler = startScheduler([{ name: 'x', cron: '0 3 * * *', run: async () => undefined }], { timezone: 'UTC', logger: pino({ level: 'silent' }) });
    const [next] = scheduler.upcoming();
    expect(next?.name).toBe('x');
    expect(next?.at?.getUTCHours()).toBe(3);
    scheduler.stop();
  });

  it('says the schedule in its time zone with its patterns, and each next run in local time and UTC', () => {
    const jobs = [{ name: 'hf-daily', cron: '15 */2 * * *' }, { name: 'arxiv', cron: '30 0 * * 1-5' }];
    const upcoming = [{ name: 'hf-daily', at: new Date('2026-12-02T03:15:00Z') }, { name: 'arxiv', at: null }];
    expect(describeSchedule('ingestion schedule', jobs, upcoming, 'America/New_York')).toBe(
      'ingestion schedule: hf-daily "15 */2 * * *", arxiv "30 0 * * 1-5" (America/New_York); next hf-daily at 2026-12-01 22:15 local / 2026-12-02 03:15 UTC, next arxiv at never',
    );
  });
});
