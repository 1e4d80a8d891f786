// The command line facing an administrator's ordinary mistakes, run as a user runs it: a broken
// archive, a store that is missing, mistyped or unreachable, empty or malformed options, dates
// that have not come, a harvest of several sets, a closed pipe. Each ends with one clear line and
// the right exit code (2 for usage, 1 for a failure, 3 for a run with problems), never a stack trace.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HF_SOURCE } from '../src/actions/ingest/hf.ts';
import { openDatabase } from '../src/db/database.ts';
import { acquireLease } from '../src/db/ingest.ts';
import { countPapers } from '../src/db/papers.ts';
import { LIST_PAGE_2, NO_RECORDS, apiFixture } from './arxiv-fixtures.ts';
import { ROOT, runCli } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { type ReplayServer, startReplayServer } from './replay-server.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-mistakes-'));
const STACK = /\n\s+at /;
const runs = async (t: TestDatabase): Promise<number> => Number((await sql<{ n: number }>`select count(*) as n from ingest_runs`.execute(t.db)).rows[0]?.n ?? 0);

/** A port on this host that nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('import of a truncated .tar.gz', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('reports the archive unreadable, keeps the records read before the break, prints the summary and exits 3', async () => {
    const days = path.join(dir, 'days');
    mkdirSync(days);
    for (let d = 1; d <= 9; d++) {
      const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `2501.${d}${String(i).padStart(4, '0')}`, title: `Paper ${d}-${i}`, abstract: randomBytes(1500).toString('hex') }));
      writeFileSync(path.join(days, `part-${d}.jsonl`), lines.join('\n'));
    }
    const whole = path.join(dir, 'days.tar.gz');
    execFileSync('tar', ['czf', whole, '-C', dir, 'days']);
    const bytes = readFileSync(whole);
    const cut = path.join(dir, 'cut.tar.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = await runCli(['import', cut], t.env);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`skipped file ${cut}: unreadable: unexpected end of file`);
    expect(r.stderr).not.toMatch(STACK);
    const n = await countPapers(t.db);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(9 * 40);
    expect(r.stdout).toMatch(new RegExp(`^${n} records in [\\d.]+s: ${n} new, 0 updated, 0 unchanged, 0 rejected, 1 file\\(s\\) skipped\\n$`));
  }, 60_000);
});

describe('a store that is missing, mistyped or cannot be reached', () => {
  it('read-only commands refuse a SQLite file that does not exist, and create nothing', async () => {
    const file = path.join(dir, 'nowhere', 'paperboy.db');
    const env = { DATABASE_URL: `sqlite:${file}` };
    const commands = [['search', 'diffusion'], ['ingest', 'status'], ['digest', 'send', '--log'], ['digest', 'preview', 'ada@example.org'], ['user', 'role', 'ada@example.org', 'admin']];
    const results = await Promise.all(commands.map((c) => runCli(c, env)));
    results.forEach((r, i) => {
      expect(r.code, commands[i]?.join(' ')).toBe(1);
      expect(r.stderr).toBe(`paperboy: no Paperboy database at ${file} (set DATABASE_URL, or run where \`npm start\` created ./data)\n`);
      expect(r.stdout).toBe('');
    });
    expect(existsSync(path.dirname(file))).toBe(false);
    // A command that writes still creates a new store.
    const papers = path.join(dir, 'one.jsonl');
    writeFileSync(papers, `${JSON.stringify({ id: '2501.00001', title: 'Created here' })}\n`);
    const created = await runCli(['import', papers], env);
    expect(created.code, created.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect((await runCli(['search', 'created', '--json'], env)).stdout).toContain('2501.00001');
  }, 60_000);

  it('refuses sqlite: with no path, and a mistyped scheme without printing the password', async () => {
    const [empty, typo] = await Promise.all([
      runCli(['import', path.join(dir, 'one.jsonl')], { DATABASE_URL: 'sqlite:' }),
      runCli(['search', 'x'], { DATABASE_URL: 'postgress://admin:S3cretPW@db.example.org/paperboy' }),
    ]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('paperboy: DATABASE_URL="sqlite:" names no database file: give sqlite:PATH, e.g. sqlite:data/paperboy.db\n');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('paperboy: DATABASE_URL=postgress://admin:***@db.example.org/paperboy: expected sqlite:PATH (e.g. sqlite:data/paperboy.db) or postgres://user:pass@host/db\n');
  });

  it('`config` shows a SQLite path and masks only passwords, also one holding "@"', async () => {
    const r = await runCli(['config'], { DATABASE_URL: 'sqlite:/srv/paperboy/paperboy.db', SMTP_URL: 'smtp://user:p@ss@mail.example.org:587' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DATABASE_URL=sqlite:/srv/paperboy/paperboy.db\n');
    expect(r.stdout).toContain('SMTP_URL=smtp://user:***@mail.example.org:587\n');
    expect(r.stdout).not.toContain('ss@mail');
  });

  it('PostgreSQL down or its host unknown: one line naming it, password masked, exit 1', async () => {
    const port = await closedPort();
    const [down, unknown] = await Promise.all([
      runCli(['search', 'x'], { DATABASE_URL: `postgres://paperboy:S3cretPW@127.0.0.1:${port}/papers` }),
      runCli(['ingest', 'status'], { DATABASE_URL: 'postgres://paperboy:S3cretPW@no-such-host.invalid/papers' }),
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `paperboy: cannot connect to PostgreSQL at 127.0.0.1:${port}/papers: connection refused, is the server running? (DATABASE_URL=postgres://paperboy:***@127.0.0.1:${port}/papers)\n`,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^paperboy: cannot connect to PostgreSQL at no-such-host\.invalid\/papers: [^\n]+\(DATABASE_URL=postgres:\/\/paperboy:\*\*\*@no-such-host\.invalid\/papers\)\n$/);
  }, 60_000);

  it('a directory where the database file belongs: one line, and the stack only with LOG_LEVEL=debug', async () => {
    const folder = path.join(dir, 'folder.db');
    mkdirSync(folder);
    const [r, debug] = await Promise.all([
      runCli(['import', path.join(dir, 'one.jsonl')], { DATABASE_URL: `sqlite:${folder}` }),
      runCli(['import', path.join(dir, 'one.jsonl')], { DATABASE_URL: `sqlite:${folder}`, LOG_LEVEL: 'debug' }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`paperboy: cannot open the database ${folder}: it is a directory, not a database file (DATABASE_URL=sqlite:${folder})\n`);
    expect(debug.stderr).toMatch(STACK);
  });
});

describe.each(DIALECTS)('a store migrated by a newer Paperboy (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await sql`insert into kysely_migration (name, timestamp) values ('0099_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(t.db);
  });
  afterAll(async () => t.drop());

  it('is refused by every command, migrate included, with one line saying to upgrade', async () => {
    const commands = [['search', 'x'], ['migrate'], ['import', path.join(dir, 'one.jsonl')]];
    const results = await Promise.all(commands.map((args) => runCli(args, t.env)));
    results.forEach((r, i) => {
      expect(r.code, commands[i]?.join(' ')).toBe(1);
      expect(r.stderr).toBe('paperboy: this database was migrated by a newer Paperboy (migration 0099_from_the_future); upgrade Paperboy\n');
    });
  }, 60_000);
});

describe.runIf(DIALECTS.includes('postgres'))('a PostgreSQL schema without Paperboy tables', () => {
  it('is refused by read-only commands, which create nothing in it', async () => {
    const t = await createTestDatabase('postgres');
    try {
      const schema = `${t.env.DATABASE_SCHEMA}_empty`;
      await sql`create schema ${sql.id(schema)}`.execute(t.db);
      try {
        const r = await runCli(['search', 'x'], { ...t.env, DATABASE_SCHEMA: schema });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`^paperboy: no Paperboy tables in schema ${schema} of postgres://`));
        const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema}`.execute(t.db);
        expect(tables.rows[0]?.n).toBe(0);
      } finally {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(t.db);
      }
    } finally {
      await t.drop();
    }
  }, 60_000);
});

describe('search options', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const file = path.join(dir, 'search.jsonl');
    const records = [
      { id: '2501.00001', title: 'Speculative Decoding Made Simple' },
      { id: '2501.00002', title: 'Diffusion models for video' },
      { id: '2501.00003', title: 'Draft Models', abstract: 'Speculative sampling with small draft models.' },
    ];
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    expect((await runCli(['import', file], t.env)).code).toBe(0);
  });
  afterAll(async () => t.drop());

  it('refuses a mistyped option instead of searching for it', async () => {
    const mistyped = [
      [['search', 'diffusion', '--limt', '2', '--json'], '--limt'],
      [['search', 'diffusion', '--jsno'], '--jsno'],
      [['search', '-x', 'diffusion'], '-x'],
      [['search', 'diffusion', '--limt=2'], '--limt'],
    ] as const;
    // After --, words with dashes are the query (a word with a minus leaves out the papers that have it); options go before it.
    const [dashed, without, ...refused] = await Promise.all([
      runCli(['search', '--json', '--limit=1', '--', '-speculative'], t.env),
      runCli(['search', '--json', '--', 'models', '-speculative'], t.env),
      ...mistyped.map(([args]) => runCli([...args], t.env)),
    ]);
    refused.forEach((r, i) => {
      const [args, option] = mistyped[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`paperboy: unknown option ${option}; a query that starts with a dash goes after --, e.g. paperboy search -- ${option} ...\n`);
      expect(r.stdout).toBe('');
    });
    expect(dashed.code, dashed.stderr).toBe(0);
    expect((JSON.parse(dashed.stdout) as { id: string }[]).map((p) => p.id)).toEqual(['2501.00001']);
    expect(without.code, without.stderr).toBe(0);
    expect((JSON.parse(without.stdout) as { id: string }[]).map((p) => p.id)).toEqual(['2501.00002']);
  }, 60_000);

  it('suggests a misspelled query on stderr, leaving stdout to the results (those of the correction when nothing matches as typed, unless --verbatim)', async () => {
    const [typo, text, verbatim, right] = await Promise.all([
      runCli(['search', 'specualtive', 'decoding', '--json'], t.env),
      runCli(['search', 'specualtive'], t.env),
      runCli(['search', 'specualtive', '--verbatim', '--json'], t.env),
      runCli(['search', 'speculative', 'decoding'], t.env),
    ]);
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain('Did you mean: speculative decoding');
    expect(JSON.parse(typo.stdout)).toEqual([expect.objectContaining({ id: '2501.00001' })]);
    // No paper has "specualtive": the results are the correction's, and stderr says so.
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('Showing results for: speculative (for "specualtive" as typed, add --verbatim)');
    expect(text.stderr).not.toContain('Did you mean');
    expect(text.stdout).toContain('2501.00001');
    // As typed, nothing; the correction is offered.
    expect(verbatim.code).toBe(0);
    expect(JSON.parse(verbatim.stdout)).toEqual([]);
    expect(verbatim.stderr).toContain('Did you mean: speculative');
    expect(verbatim.stderr).not.toContain('Showing results for');
    expect(right.stderr).not.toContain('Did you mean');
    expect(right.stderr).not.toContain('Showing results for');
  }, 60_000);

  it('ends quietly when its reader closes the pipe (`| head -1`)', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'paperboy.js'), 'search', 'decoding', '--limit', '5'], { cwd: ROOT, env: { ...process.env, ...t.env, LOG_LEVEL: 'warn' } });
    // The reader is gone before the command writes its answer.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe('ingest options', () => {
  let t: TestDatabase;
  let server: ReplayServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    server = await startReplayServer([
      { path: '/api/query', respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } },
      // The cs set has a record without a title (rejected); the math set has nothing new.
      { path: '/oai', query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' }, respond: { body: LIST_PAGE_2.replace(/<title>[^<]*<\/title>/, '<title></title>') } },
      { path: '/oai', query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'math' }, respond: { body: NO_RECORDS } },
      { path: '/api/daily_papers', respond: { body: '<html><body>Bad gateway</body></html>' } },
    ]);
    env = { ...t.env, ARXIV_API_URL: `${server.url}/api/query`, ARXIV_OAI_URL: `${server.url}/oai`, ARXIV_RSS_URL: `${server.url}/atom`, HF_BASE_URL: server.url, HF_MIN_INTERVAL_MS: '300', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('`ingest arxiv` refuses an empty --ids or --query, and bad ids by name, before any run or request', async () => {
    const cases: [string[], string][] = [
      [['--ids', ''], 'paperboy: --ids needs at least one arXiv id, e.g. --ids 2501.05441,2501.05442\n'],
      [['--query', ''], 'paperboy: --query needs a value; it was empty\n'],
      [['--ids', '2104.12255,not-an-id,12345'], 'paperboy: not arXiv ids: "not-an-id", "12345" (give ids like 2501.05441, arXiv:2501.05441v2, hep-th/9901001 or arxiv.org/abs/ links)\n'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['ingest', 'arxiv', ...args], env)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(message);
    });
    expect(server.requests).toHaveLength(0);
    expect(await runs(t)).toBe(0);
  }, 60_000);

  it('`ingest arxiv` refuses a category arXiv does not have, suggesting the closest, before any run or request', async () => {
    const cases: [string[], string][] = [
      [['--categories', 'hep-thx'], 'paperboy: --categories: unknown arXiv category hep-thx (did you mean hep-th?); see https://arxiv.org/category_taxonomy\n'],
      [['--categories', 'cs.FOO,cs.LG', '--since', '2016-10-20'], 'paperboy: --categories: unknown arXiv category cs.FOO; see https://arxiv.org/category_taxonomy\n'],
      [['--categories', 'cs.lg', '--announced'], 'paperboy: --categories: unknown arXiv category cs.lg (did you mean cs.LG?); see https://arxiv.org/category_taxonomy\n'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['ingest', 'arxiv', ...args], env)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(message);
    });
    // A typo in INGEST_CATEGORIES is refused the same way, by name, by every command that reads it.
    const commands = [['ingest', 'arxiv'], ['config']];
    const typos = await Promise.all(commands.map((command) => runCli(command, { ...env, INGEST_CATEGORIES: 'cs.AI,cs.LGG' })));
    typos.forEach((r, i) => {
      expect(r.code, commands[i]?.join(' ')).toBe(1);
      expect(r.stderr).toBe('paperboy: INGEST_CATEGORIES=cs.AI,cs.LGG: unknown arXiv category cs.LGG (did you mean cs.LG?); see https://arxiv.org/category_taxonomy\n');
    });
    expect(server.requests).toHaveLength(0);
    expect(await runs(t)).toBe(0);
  }, 60_000);

  it('`ingest arxiv` refuses an option its kind of run would ignore, before any run or request', async () => {
    const cases: [string[], string][] = [
      [['--max', '5'], 'paperboy: --max is not used by a harvest; it applies to --query and --missing only\n'],
      [['--query', 'all:diffusion', '--since', '2024-01-01'], 'paperboy: --since is not used by --query; it applies to a harvest only\n'],
      [['--announced', '--metadata-prefix', 'arXiv'], 'paperboy: --metadata-prefix is not used by --announced; it applies to a harvest only\n'],
      [['--ids', '2104.12255', '--categories', 'cs.LG'], 'paperboy: --categories is not used by --ids; it applies to a harvest and --announced only\n'],
      [['--missing', '--since', '2024-01-01'], 'paperboy: --since is not used by --missing; it applies to a harvest only\n'],
    ];
    const before = server.requests.length;
    const results = await Promise.all(cases.map(([args]) => runCli(['ingest', 'arxiv', ...args], env)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(message);
    });
    expect(server.requests).toHaveLength(before);
    expect(await runs(t)).toBe(0);
  }, 60_000);

  it('`ingest arxiv --ids` takes ids in the forms submissions take', async () => {
    const before = server.requests.length;
    const r = await runCli(['ingest', 'arxiv', '--ids', 'arXiv:2104.12255v1,https://arxiv.org/abs/1605.08386v1'], env);
    expect(r.stdout).toMatch(/^arxiv-lookup /);
    expect(server.requests.slice(before).map((q) => q.query.id_list)).toEqual(['2104.12255,1605.08386']);
  }, 60_000);

  it('a harvest of several sets exits with the worst of its runs', async () => {
    const r = await runCli(['ingest', 'arxiv', '--categories', 'cs.DL,math.CO', '--since', '2016-10-20'], env);
    expect(r.stdout).toMatch(/arxiv-oai:cs:cs\.DL finished PARTIALLY .*: 1 requests, 0 new, 0 updated, 0 unchanged, 0 skipped, 1 rejected/);
    expect(r.stdout).toMatch(/arxiv-oai:math:math\.CO finished: 1 requests, 0 new/);
    expect(r.code, r.stderr).toBe(3);
  }, 60_000);

  it('`ingest hf` refuses --until before --since and days that have not begun, recording no run', async () => {
    const before = await runs(t);
    const cases: [string[], RegExp][] = [
      [['--since', '2026-08-20', '--until', '2026-08-10'], /^paperboy: --until 2026-08-10 is before --since 2026-08-20\n$/],
      [['--date', '2099-01-01'], /^paperboy: --date 2099-01-01 is in the future \(today is \d{4}-\d{2}-\d{2} UTC\)\n$/],
      [['--since', '2099-01-01'], /^paperboy: --since 2099-01-01 is in the future/],
      [['--week', '2099-W02'], /^paperboy: --week 2099-W02 has not begun: it begins on 2099-01-05 \(today is \d{4}-\d{2}-\d{2} UTC\)\n$/],
      [['--date', '2026-08-20', '--until', '2026-08-21'], /^paperboy: --until ends a --since range; give --since too\n$/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['ingest', 'hf', ...args], env)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    });
    expect(await runs(t)).toBe(before);
  }, 60_000);

  it('`ingest hf` whose every day failed is FAILED, exit 1', async () => {
    const r = await runCli(['ingest', 'hf', '--since', '2026-08-19', '--until', '2026-08-20'], env);
    expect(r.stdout).toMatch(/^hf-daily FAILED: 2 requests, 0 new/);
    expect(r.stderr).toContain('2026-08-19: Hugging Face answered an HTML page instead of a list of papers');
    expect(r.code).toBe(1);
  }, 60_000);
});

describe('org remove-member and assign', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('takes a member off by email, as add-member adds one', async () => {
    const made = await Promise.all([runCli(['user', 'create', 'nl@example.org', '--name', 'Nadia Lee'], t.env), runCli(['org', 'create', 'deepmind', 'DeepMind'], t.env)]);
    expect(made.map((r) => r.code)).toEqual([0, 0]);
    expect((await runCli(['org', 'add-member', 'deepmind', 'nl@example.org'], t.env)).code).toBe(0);
    const handle = (await t.db.selectFrom('users').select('handle').where('email', '=', 'nl@example.org').executeTakeFirstOrThrow()).handle;
    const r = await runCli(['org', 'remove-member', 'deepmind', 'nl@example.org'], t.env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Took @${handle} off @deepmind\n`);
    expect(r.code).toBe(0);
    const [again, nobody] = await Promise.all([
      runCli(['org', 'remove-member', 'deepmind', 'NL@example.org'], t.env),
      runCli(['org', 'remove-member', 'deepmind', 'nobody@example.org'], t.env),
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`paperboy: @${handle} is not a member of DeepMind.\n`);
    expect(nobody.stderr).toBe('paperboy: No account uses the address nobody@example.org.\n');
  }, 60_000);

  it('`org add-member` on a member says the role it changed, and refuses the role it has, as the site does', async () => {
    const made = await Promise.all([runCli(['user', 'create', 'bob@example.org', '--name', 'Bob Ray'], t.env), runCli(['org', 'create', 'roles', 'Roles Lab'], t.env)]);
    expect(made.map((r) => r.code)).toEqual([0, 0]);
    const handle = (await t.db.selectFrom('users').select('handle').where('email', '=', 'bob@example.org').executeTakeFirstOrThrow()).handle;
    expect(await runCli(['org', 'add-member', 'roles', `@${handle}`, '--admin'], t.env)).toMatchObject({ code: 0, stdout: 'Added Bob Ray <bob@example.org> to @roles as an admin\n' });
    const same = await runCli(['org', 'add-member', 'roles', 'bob@example.org', '--admin'], t.env);
    expect(same).toMatchObject({ code: 2, stdout: '', stderr: `paperboy: @${handle} is already an admin of Roles Lab.\n` });
    const demoted = await runCli(['org', 'add-member', 'roles', `@${handle}`], t.env);
    expect(demoted).toMatchObject({ code: 0, stdout: `@${handle} is now a member of @roles (was an admin)\n`, stderr: '' });
    const role = await t.db.selectFrom('org_members').select('role').where('org_handle', '=', 'roles').executeTakeFirstOrThrow();
    expect(role.role).toBe('member');
  }, 60_000);

  it('`org assign` names the ids that are no paper, and ends done in part (exit 3)', async () => {
    const file = path.join(dir, 'assign.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: '2606.00001', title: 'Assigned paper' })}\n`);
    const made = await Promise.all([runCli(['import', file], t.env), runCli(['org', 'create', 'mylab', 'My Lab'], t.env)]);
    expect(made.map((r) => r.code)).toEqual([0, 0]);
    const [none, some] = await Promise.all([
      runCli(['org', 'assign', 'mylab', '2606.99999', 'A'], t.env),
      runCli(['org', 'assign', 'mylab', 'arXiv:2606.00001v2', 'https://arxiv.org/abs/2606.99998'], t.env),
    ]);
    expect(none).toMatchObject({ code: 3, stdout: 'Assigned 0 of 2 papers to @mylab\n', stderr: 'not found: 2606.99999, A\n' });
    expect(some).toMatchObject({ code: 3, stdout: 'Assigned 1 of 2 papers to @mylab\n', stderr: 'not found: https://arxiv.org/abs/2606.99998\n' });
    expect(await runCli(['org', 'assign', 'mylab', '2606.00001'], t.env)).toMatchObject({ code: 0, stdout: 'Assigned 1 of 1 paper to @mylab\n', stderr: '' });
  }, 60_000);
});

describe('exit codes of usage mistakes', () => {
  it('exits 2 for a missing argument, an unknown option or command, and 0 for help and version', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-usage-')), 'p.db')}` };
    const usage = await Promise.all([runCli(['search'], env), runCli(['import', '--bogus', 'x.jsonl'], env), runCli(['no-such-command'], env)]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(usage[0]?.stderr).toContain("error: missing required argument 'query'");
    expect(usage[1]?.stderr).toContain("error: unknown option '--bogus'");
    const fine = await Promise.all([runCli(['--version'], env), runCli(['ingest', '--help'], env)]);
    expect(fine.map((r) => r.code)).toEqual([0, 0]);
    // None of them touched a store.
    expect(existsSync(env.DATABASE_URL.slice('sqlite:'.length))).toBe(false);
  }, 60_000);
});

describe('an ingestion another process is running', () => {
  it('exits 75 (try again later), apart from usage mistakes and failures', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-busy-')), 'p.db');
    const env = { DATABASE_URL: `sqlite:${file}`, HF_BASE_URL: 'http://127.0.0.1:9' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const held = openDatabase(env.DATABASE_URL);
    try {
      // Another host's run holds the source's lease (not a dead process of this host).
      expect(await acquireLease(held.db, HF_SOURCE, 'another-host:4242', new Date(), 10 * 60_000)).toBe(true);
    } finally {
      await held.close();
    }
    const r = await runCli(['ingest', 'hf', '--date', '2026-08-20'], env);
    expect(r.code).toBe(75);
    expect(r.stderr).toContain('Another process is already ingesting hf-daily');
  }, 60_000);
});

describe('serve on an address it cannot listen on', () => {
  it('names PORT or HOST at once, before creating, migrating or loading the store', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const { port } = holder.address() as AddressInfo;
    const file = path.join(dir, 'never-created.db');
    try {
      const [taken, bad] = await Promise.all([
        runCli(['serve'], { DATABASE_URL: `sqlite:${file}`, PORT: String(port), HOST: '127.0.0.1' }),
        runCli(['serve'], { DATABASE_URL: `sqlite:${file}`, PORT: String(port), HOST: '999.1.1.1' }),
      ]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toBe(`paperboy: PORT=${port}: cannot listen on 127.0.0.1:${port}: the port is already in use; stop what listens there, or set PORT to another port.\n`);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^paperboy: HOST=999\.1\.1\.1: cannot listen: unknown address; set HOST to one of this machine's addresses/);
      expect(existsSync(file)).toBe(false);
    } finally {
      await new Promise<void>((r) => holder.close(() => r()));
    }
  }, 60_000);
});

describe('a data folder the service user cannot write', () => {
  it('says the database cannot be created there, naming the folder and DATABASE_URL', async () => {
    const root = process.getuid?.() === 0;
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-ro-')), 'data');
    mkdirSync(folder, { mode: 0o555 });
    chmodSync(path.dirname(folder), 0o755);
    const file = path.join(folder, 'paperboy.db');
    // Root writes any folder: the command runs as nobody, as a service user would.
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'paperboy.js'), 'migrate'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `sqlite:${file}` },
        ...(root ? { uid: 65534, gid: 65534 } : {}),
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `paperboy: cannot create the database ${file}: permission denied, the folder ${folder} is not writable by this user; make it writable for the user Paperboy runs as, or set DATABASE_URL to a path it may write (DATABASE_URL=sqlite:${file})\n`,
    );
  }, 60_000);
});
