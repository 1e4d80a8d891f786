// Killing an ingestion with SIGKILL between two requests and running it again: it resumes from
// its checkpoint and ends with exactly the papers of every day, none twice and none missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../src/sources/records.ts';
import { runCli, startCliProcess } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { hfRoutes, loadHfDays } from './hf-days.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';
import { datesBetween } from '../src/actions/ingest/hf.ts';
import { parseOaiListRecords } from '../src/sources/arxiv/index.ts';
import { LIST_PAGE_1, LIST_PAGE_2 } from './arxiv-fixtures.ts';

const FROM = '2026-07-01';
const UNTIL = '2026-07-16';
const days = await loadHfDays();
const expectedIds = new Set(
  datesBetween(FROM, UNTIL).flatMap((d) =>
    (JSON.parse(days.get(d) ?? '[]') as unknown[]).flatMap((item) => {
      const r = parseRecord(item);
      return r.ok ? [r.paper.id] : [];
    }),
  ),
);

describe.each(DIALECTS)('ingest hf survives kill -9 (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer(hfRoutes(days, FROM, UNTIL));
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('resumes where it stopped with no duplicate and no gap', async () => {
    const env = { ...t.env, HF_BASE_URL: server.url, HF_MIN_INTERVAL_MS: '300', LOG_LEVEL: 'warn', CONTACT_EMAIL: 'admin@example.org' };
    const args = ['ingest', 'hf', '--since', FROM, '--until', UNTIL];
    const child = startCliProcess(args, env);
    // Let a few days commit, then kill without warning.
    while (server.requests.length < 6) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const firstRun = server.requests.length;
    const stored = await t.db.selectFrom('papers').select('id').execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(expectedIds.size);

    // Asked before the next run, the status says the killed run's process is gone, not that it runs.
    const before = await runCli(['ingest', 'status'], env);
    expect(before.stdout).toMatch(/hf-daily .*interrupted: its process \S+ is gone; the next run resumes/);
    expect(before.stdout).toMatch(/hf-daily\s+interrupted /);
    expect(before.stdout).not.toContain('running on');
    // Where the source stands, in words: the day the killed range run had reached.
    expect(before.stdout).toMatch(/hf-daily\s+range from \d{4}-\d\d-\d\d resumes at \d{4}-\d\d-\d\d/);

    // The killed run's lease names a dead process of this host, so the next run takes over at once.
    const second = await runCli(args, env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const resumedAt = server.requests[firstRun + 0]?.query.date as string;
    // It started again from the last completed day, not from the beginning.
    expect(resumedAt > FROM).toBe(true);
    const ids = (await t.db.selectFrom('papers').select('id').execute()).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expectedIds);
    const status = await runCli(['ingest', 'status', '--json'], env);
    const runs = (JSON.parse(status.stdout) as { runs: { status: string }[] }).runs.map((r) => r.status);
    expect(runs).toEqual(['ok', 'interrupted']);
  }, 120_000);
});

describe.each(DIALECTS)('ingest arxiv survives kill -9 between two pages (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('waits 3 s between requests, and resumes the harvest from its resumption token', async () => {
    const categories = ['cs.DM', 'cs.CC', 'cs.DL', 'cs.IT', 'cs.LG', 'cs.DC'];
    const expected = [...parseOaiListRecords(LIST_PAGE_1, 'arXivRaw').records, ...parseOaiListRecords(LIST_PAGE_2, 'arXivRaw').records]
      .filter((r) => r.categories.some((c) => categories.includes(c)))
      .map((r) => r.arxivId)
      .sort();
    const first = { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' };
    const next = { verb: 'ListRecords', resumptionToken: '1403493|1001' };
    const slow = await startReplayServer([
      { path: '/oai', query: first, respond: { body: LIST_PAGE_1 } },
      { path: '/oai', query: next, respond: { body: LIST_PAGE_2, delayMs: 30_000 } },
    ]);
    const args = ['ingest', 'arxiv', '--categories', categories.join(','), '--since', '2016-10-20'];
    const child = startCliProcess(args, { ...t.env, ARXIV_OAI_URL: `${slow.url}/oai`, LOG_LEVEL: 'warn' });
    while (slow.requests.length < 2) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    await slow.close();
    const gap = (slow.requests[1]?.at ?? 0) - (slow.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(3000);
    const page1 = (await t.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(page1).toEqual(expected.filter((id) => id !== '0804.2273'));

    const fast = await startReplayServer([{ path: '/oai', query: next, respond: { body: LIST_PAGE_2 } }]);
    try {
      const resumed = await runCli(['ingest', 'arxiv', '--categories', categories.join(',')], { ...t.env, ARXIV_OAI_URL: `${fast.url}/oai`, LOG_LEVEL: 'warn' });
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(/arxiv-oai:cs:cs.CC,cs.DC,cs.DL,cs.DM,cs.IT,cs.LG finished: 1 requests, 1 new/);
      expect(fast.requests.map((r) => r.query)).toEqual([next]);
    } finally {
      await fast.close();
    }
    const all = (await t.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(all).toEqual(expected);
  }, 60_000);
});
