// The command line, run as a user runs it: import with rejections and exit codes, an import
// killed mid-file and run again, two imports into one store at once, search --json,
// and the first-run sample load that only `serve` does.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPapers, findPaper } from '../src/db/papers.ts';
import { runCli, startCli, startCliProcess } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-cli-'));
const jsonl = path.join(dir, 'papers.jsonl');
writeFileSync(
  jsonl,
  [
    JSON.stringify({ id: '2501.00001', title: 'Speculative Decoding Made Simple', abstract: 'Draft and verify tokens.', published: '2025-01-10', upvotes: 5 }),
    '{not json',
    JSON.stringify({ id: '2501.00002', title: 'KV Cache Eviction', abstract: 'Evict key-value cache entries.', published: '2025-01-10' }),
    JSON.stringify({ id: '2501.00003', title: '' }),
  ].join('\n'),
);

describe('paperboy --version', () => {
  it("prints the package's version and nothing else", async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await runCli(['--version'], {});
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

describe('paperboy migrate on a new SQLite file', () => {
  it('creates the store, applies every migration once and names them, then has nothing to do', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-migrate-')), 'new.db')}` };
    const first = await runCli(['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Applied 0001_papers, 0002_ingestion, .*\n$/);
    expect(await runCli(['migrate'], env)).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
    const db = new SQLite(env.DATABASE_URL.slice('sqlite:'.length), { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from papers').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 60_000);
});

describe.each(DIALECTS)('paperboy CLI (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('search on an empty store returns an empty array and never loads the sample', async () => {
    const r = await runCli(['search', 'anything', '--json'], t.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(await countPapers(t.db)).toBe(0);
  });

  it('migrate on a store already migrated says so and changes nothing, and it never loads the sample', async () => {
    const r = await runCli(['migrate'], t.env);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: 'The database is up to date.\n' });
    expect(await countPapers(t.db)).toBe(0);
  });

  it('imports valid records, reports each rejected line with its reason, and exits 3', async () => {
    const r = await runCli(['import', jsonl], t.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`rejected ${jsonl}:2: invalid JSON`);
    expect(r.stderr).toContain(`rejected ${jsonl}:4: title: title is empty`);
    expect(r.stdout).toMatch(/4 records in [\d.]+s: 2 new, 0 updated, 0 unchanged, 2 rejected/);
    expect(await findPaper(t.db, '2501.00001')).toMatchObject({ title: 'Speculative Decoding Made Simple', upvotes: 5 });
    const again = await runCli(['import', jsonl], t.env);
    expect(again.stdout).toMatch(/0 new, 0 updated, 2 unchanged, 2 rejected/);
    expect(await countPapers(t.db)).toBe(2);
  });

  it('exits 0 for a clean import, 3 for a missing file among readable ones, and 1 when no file could be read', async () => {
    const clean = path.join(dir, 'clean.jsonl');
    writeFileSync(clean, `${JSON.stringify({ id: '2501.00009', title: 'Clean' })}\n`);
    expect((await runCli(['import', clean], t.env)).code).toBe(0);
    const absent = path.join(dir, 'missing.jsonl');
    const some = await runCli(['import', clean, absent], t.env);
    expect(some.code).toBe(3);
    expect(some.stderr).toContain(`skipped file ${absent}: no such file`);
    expect(some.stdout).toMatch(/1 records in [\d.]+s: .*1 file\(s\) skipped/);
    const missing = await runCli(['import', absent], t.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`skipped file ${absent}: no such file`);
    expect(missing.stderr).toContain('paperboy: nothing imported: the file could not be read');
    expect(missing.stdout).toBe('');
    const none = await runCli(['import', absent, path.join(dir, 'also-missing.json'), dir], t.env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`skipped file ${dir}: is a directory, not a file`);
    expect(none.stderr).toContain('nothing imported: none of the 3 files could be read');
  });

  it('says an empty file holds nothing to import, which is no problem (exit 0)', async () => {
    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const r = await runCli(['import', empty], t.env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${empty}: empty, nothing to import`);
    expect(r.stdout).toMatch(/^0 records in [\d.]+s: 0 new/);
  });

  it('refuses a --batch that is not a whole number from 1 to 50,000 (exit 2), importing nothing', async () => {
    const file = path.join(dir, 'batch.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: '2501.00077', title: 'Batched' })}\n`);
    const bads = ['abc', '0', '2.5', '50001'];
    const refused = await Promise.all(bads.map((bad) => runCli(['import', file, '--batch', bad], t.env)));
    refused.forEach((r, i) => {
      expect(r.code, bads[i]).toBe(2);
      expect(r.stderr).toContain(`--batch must be a whole number from 1 to 50,000; got "${bads[i]}"`);
    });
    expect(await findPaper(t.db, '2501.00077')).toBeUndefined();
    expect((await runCli(['import', file, '--batch', '1'], t.env)).code).toBe(0);
  });

  it('search --json prints only a JSON array, best first, with id, title and score', async () => {
    // Read-only runs, side by side.
    const [r, text, near, nearJson, newest, badSort, bad, dash] = await Promise.all([
      runCli(['search', 'speculative decoding', '--json', '--limit', '5'], t.env),
      runCli(['search', 'KV', 'cache'], t.env),
      runCli(['search', 'KVCache'], t.env),
      runCli(['search', 'KVCache', '--json'], t.env),
      runCli(['search', 'speculative', 'cache', '--sort', 'newest', '--json'], t.env),
      runCli(['search', 'x', '--sort', 'oldest'], t.env),
      runCli(['search', 'x', '--limit', 'lots'], t.env),
      // A query that starts with a dash is a query, not an option (a word with a minus leaves out the papers that have it).
      runCli(['search', '-speculative decoding', '--json', '--limit', '3'], t.env),
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; title: string; score: number }[];
    expect(rows[0]).toMatchObject({ id: '2501.00001', title: 'Speculative Decoding Made Simple', score: expect.any(Number) });
    expect(rows.map((x) => x.score)).toEqual([...rows.map((x) => x.score)].sort((a, b) => b - a));
    expect(text.stdout).toContain('KV Cache Eviction');
    expect(text.stdout).not.toContain('closest in meaning');
    // No paper writes "KVCache" as one word; the paper on the KV cache is closest in meaning, and the output says so.
    expect(near.stdout).toContain('No papers match these words; the papers closest in meaning:');
    expect(near.stdout).toContain('KV Cache Eviction');
    // With --json the array stays alone on stdout, and stderr says what it holds.
    expect(JSON.parse(nearJson.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ title: expect.stringContaining('KV Cache Eviction') })]));
    expect(nearJson.stderr).toContain('No papers match these words; the papers closest in meaning');
    expect(r.stderr).not.toContain('closest in meaning');
    const byDate = (JSON.parse(newest.stdout) as { feedDate: string }[]).map((x) => x.feedDate);
    expect(byDate.length).toBeGreaterThan(0);
    expect(byDate).toEqual([...byDate].sort().reverse());
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toContain('sort must be relevance or newest');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('limit must be between 1 and 100');
    expect(dash.code).toBe(0);
    expect((JSON.parse(dash.stdout) as { id: string }[]).map((p) => p.id)).not.toContain('2501.00001');
  });

  it('killed (kill -9) in the middle of an import keeps whole batches only, and the same import again completes it', async () => {
    const total = 20_000;
    const batch = 200;
    const big = path.join(dir, `big-${dialect}.jsonl`);
    writeFileSync(big, Array.from({ length: total }, (_, i) => JSON.stringify({ id: `killed-import-${String(i).padStart(5, '0')}`, title: `Interrupted import paper ${i}`, abstract: 'Words.' })).join('\n'));
    const imported = async (): Promise<number> => Number((await sql<{ n: number }>`select count(*) as n from papers where id like 'killed-import-%'`.execute(t.db)).rows[0]?.n ?? 0);
    const child = startCliProcess(['import', big, '--batch', String(batch)], t.env);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let before = 0;
    while (before === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      before = await imported();
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    const kept = await imported();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(total);
    expect(kept % batch).toBe(0);
    const again = await runCli(['import', big, '--batch', String(batch)], t.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${total} records`);
    expect(again.stdout).toContain(`${total - kept} new, 0 updated, ${kept} unchanged, 0 rejected`);
    expect(await imported()).toBe(total);
  }, 120_000);

  it('two imports into the same store at once both complete (SQLite: the second waits for the write lock)', async () => {
    const half = 10_000;
    const files = ['a', 'b'].map((part) => {
      const file = path.join(dir, `concurrent-${part}-${dialect}.jsonl`);
      writeFileSync(file, Array.from({ length: half }, (_, i) => JSON.stringify({ id: `concurrent-${part}-${i}`, title: `Concurrent import ${part} paper ${i}`, abstract: 'Words.' })).join('\n'));
      return file;
    });
    const [a, b] = await Promise.all(files.map((f) => runCli(['import', f, '--batch', '200'], t.env)));
    for (const r of [a!, b!]) {
      expect(r.stderr).not.toContain('locked');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${half} new`);
    }
    const n = Number((await sql<{ n: number }>`select count(*) as n from papers where id like 'concurrent-%'`.execute(t.db)).rows[0]?.n ?? 0);
    expect(n).toBe(2 * half);
  }, 120_000);

  it.runIf(dialect === 'sqlite')('an import that cannot get the write lock in time says so plainly and writes nothing', async () => {
    const file = path.join(dir, 'blocked.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'blocked-1', title: 'Blocked import', abstract: 'Words.' }));
    const holder = new SQLite(t.url.slice('sqlite:'.length));
    holder.exec('begin immediate');
    try {
      const r = await runCli(['import', file], t.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the database stayed busy: another Paperboy process held its write lock');
      expect(r.stderr).not.toContain('    at ');
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(await findPaper(t.db, 'blocked-1')).toBeUndefined();
  }, 60_000);
});

describe.each(DIALECTS)('paperboy serve, first run (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('loads the bundled sample into an empty store, skipping the malformed day, then serves it', async () => {
    const server = await startCli(['serve'], { ...t.env, PORT: '0', HOST: '127.0.0.1' }, /serving http:\/\/localhost:(\d+)/);
    try {
      expect(server.stderr()).toMatch(/2025-01-10\.json.*expected a JSON array of papers.*sample file skipped/);
      // Scheduled ingestion is on by default: without a real contact address, the admin is told.
      expect(server.stderr()).toContain('set CONTACT_EMAIL to an address');
      const count = await countPapers(t.db);
      // 9,868 Daily Papers (291 of them kept as Python literals) + 323 sample papers, 45 of which
      // are the same paper under both; no record is rejected.
      expect(count).toBe(10146);
      expect(server.stderr()).not.toContain('sample records rejected');
      // The load is announced before it begins, and its counts say what they count.
      const lines = server
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; recordsRead?: number; papersStored?: number; papers?: number });
      const msgs = lines.map((l) => l.msg);
      expect(msgs.indexOf('loading the bundled sample: 2 files…')).toBeGreaterThanOrEqual(0);
      expect(msgs.indexOf('loading the bundled sample: 2 files…')).toBeLessThan(msgs.findIndex((m) => m === 'sample file skipped'));
      const loaded = lines.find((l) => l.msg.startsWith('loaded the bundled sample'));
      expect(loaded).toMatchObject({ recordsRead: 10195, papersStored: 10146 });
      expect(loaded?.msg).toBe("loaded the bundled sample (first run): 10,195 records read, 10,146 papers stored once the same paper's records were merged");
      expect(lines.find((l) => l.msg.startsWith('search index ready'))).toMatchObject({ msg: 'search index ready: 10,146 papers', papers: 10146 });
      const res = await fetch(`http://127.0.0.1:${server.match[1]}/api/daily_papers?limit=3`);
      const items = (await res.json()) as { submittedOnDailyAt: string }[];
      expect(items.map((i) => i.submittedOnDailyAt)).toEqual(Array(3).fill('2026-08-21T00:00:00.000Z'));
    } finally {
      server.child.kill('SIGTERM');
    }
  }, 120_000);
});
