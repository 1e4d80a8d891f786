// `paperboy store copy` as a user runs it: the summary, exit 2 for a target in use, exit 1 for a
// source behind on migrations, and no password in anything it prints.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { runCli } from './cli.ts';
import { createTestDatabase, DIALECTS } from './databases.ts';
import { paperInput, storePapers } from './papers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paperboy store copy', () => {
  it('copies into a new SQLite file, prints each table, and refuses to copy into it again (exit 2)', async () => {
    const source = await createTestDatabase('sqlite');
    await storePapers(source.db, [paperInput({ id: '2608.00301' }), paperInput({ id: '2608.00302' })]);
    const to = `sqlite:${path.join(dir, 'copy.db')}`;
    const first = await runCli(['store', 'copy', '--to', to], source.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Copied \d+ rows from .+ to .+copy\.db in [\d.]+ s/);
    expect(first.stdout).toMatch(/^papers +2 +2$/m);
    expect(first.stdout).toContain('Every table holds the same number of rows in both stores.');
    const again = await runCli(['store', 'copy', '--to', to], source.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty \(papers: 2 rows.*nothing was copied.*delete the file/s);
    await source.drop();
  });

  it('refuses a source behind on migrations (exit 1) without creating the target', async () => {
    const source = await createTestDatabase('sqlite');
    const db = source.db as Kysely<any>;
    const last = (await db.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name as string).sort().at(-1) as string;
    await db.deleteFrom('kysely_migration').where('name', '=', last).execute();
    const to = path.join(dir, 'never.db');
    const r = await runCli(['store', 'copy', '--to', `sqlite:${to}`], source.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`schema is behind (${last} pending): run \`npx paperboy migrate\``);
    expect(existsSync(to)).toBe(false);
    await source.drop();
  });

  it('never prints the password of a store it cannot reach, nor takes a URL it cannot open (exit 2)', async () => {
    const source = await createTestDatabase('sqlite');
    const down = await runCli(['store', 'copy', '--to', 'postgres://paperboy:s3cret-pw@127.0.0.1:1/x'], source.env);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot connect to PostgreSQL at 127.0.0.1:1/x');
    expect(down.stderr).toContain('postgres://paperboy:***@127.0.0.1:1/x');
    const odd = await runCli(['store', 'copy', '--to', 'mysql://root:s3cret-pw@db/x'], source.env);
    expect(odd.code).toBe(2);
    expect(`${down.stdout}${down.stderr}${odd.stdout}${odd.stderr}`).not.toContain('s3cret-pw');
    await source.drop();
  });

  it.runIf(DIALECTS.includes('postgres'))('copies into PostgreSQL without printing its password', async () => {
    const source = await createTestDatabase('sqlite');
    await storePapers(source.db, [paperInput({ id: '2608.00303' })]);
    const target = await createTestDatabase('postgres');
    const url = target.url;
    const password = new URL(url).password;
    const r = await runCli(['store', 'copy', '--to', url, '--to-schema', target.env.DATABASE_SCHEMA as string], source.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^papers +1 +1$/m);
    if (password) expect(`${r.stdout}${r.stderr}`).not.toContain(`:${password}@`);
    expect(r.stdout).toContain(`(schema ${target.env.DATABASE_SCHEMA})`);
    await target.drop();
    await source.drop();
  });
});
