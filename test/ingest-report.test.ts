// What the ingestion commands print: `ingest status` says what each run covered and refuses a bad
// --limit; a failed run's problem and outcome are printed once; messages name the command to run.
// A run's HTTP attempts (requests and their retries) are kept and shown by `ingest status`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishRun, startRun } from '../src/db/ingest.ts';
import { runCli } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

describe('ingest status and run reports', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('`ingest status` of a store where nothing ran yet says so under both headings', async () => {
    const r = await runCli(['ingest', 'status'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Sources\n  (none has run yet)\n\nRecent runs\n  (none yet)\n');
  }, 60_000);

  it('`ingest status` shows the window of each run', async () => {
    const now = new Date('2026-08-21T01:00:00Z');
    const hf = await startRun(t.db, 'hf-daily', { since: '2026-07-01', until: '2026-07-28' }, now);
    await finishRun(t.db, hf, 'ok', { requests: 28, inserted: 3, updated: 0, unchanged: 0, skipped: 0, rejected: 0 }, [], now);
    const oai = await startRun(t.db, 'arxiv-oai:cs:cs.LG', { categories: ['cs.LG'], prefix: 'arXivRaw', since: '2016-10-20', set: 'cs' }, now);
    await finishRun(t.db, oai, 'ok', { requests: 2, inserted: 0, updated: 0, unchanged: 2, skipped: 5, rejected: 0 }, [], now);
    const r = await runCli(['ingest', 'status'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/hf-daily +ok +since 2026-07-01 until 2026-07-28: 3 new/);
    expect(r.stdout).toMatch(/arxiv-oai:cs:cs\.LG +ok +cs\.LG since 2016-10-20: 0 new/);
  }, 60_000);

  it('`ingest status --limit` takes a whole number from 1 to 100, like other numeric options', async () => {
    for (const limit of ['x', '0', '-3', '101']) {
      const r = await runCli(['ingest', 'status', '--limit', limit], t.env);
      expect(r.code, limit).toBe(2);
      expect(r.stderr, limit).toContain('--limit must be a whole number from 1 to 100');
    }
    expect((await runCli(['ingest', 'status', '--limit', '1'], t.env)).code).toBe(0);
  }, 60_000);
});

describe.each(DIALECTS)('attempts of a run in `ingest status` (%s)', (dialect) => {
  let t: TestDatabase;
  let hf: ReplayServer;
  const day = [{ paper: { id: '2608.04321', title: 'Tried twice', summary: 'Answered on the second attempt.', authors: [{ name: 'Ada Lovelace' }], upvotes: 3 } }];
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // Busy at first: the day is answered on the second attempt.
    hf = await startReplayServer([{ path: '/api/daily_papers', query: { date: '2026-08-20', limit: '100' }, respond: [{ status: 503, headers: { 'retry-after': '1' } }, { body: JSON.stringify(day) }] }]);
  });
  afterAll(async () => {
    await hf.close();
    await t.drop();
  });

  it('keeps the attempts the final report printed, for `ingest status` and its --json', async () => {
    const env = { ...t.env, HF_BASE_URL: hf.url, LOG_LEVEL: 'warn', CONTACT_EMAIL: 'admin@example.org' };
    const run = await runCli(['ingest', 'hf', '--date', '2026-08-20'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^hf-daily finished: 1 requests \(2 attempts\), 1 new/);
    const status = await runCli(['ingest', 'status'], t.env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/hf-daily +ok +2026-08-20: 1 new, 0 updated, 0 unchanged, 0 skipped, 0 rejected, 1 requests \(2 attempts\)\n/);
    const json = JSON.parse((await runCli(['ingest', 'status', '--json'], t.env)).stdout) as { runs: { source: string; requests: number; attempts: number | null }[] };
    expect(json.runs[0]).toMatchObject({ source: 'hf-daily', requests: 1, attempts: 2 });
  }, 60_000);
});
