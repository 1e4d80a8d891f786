// What `paperboy config` shows of secrets: a sqlite: path and hosts as they are, passwords never
// (also one holding "@"), other secrets as ***. A mistyped setting is named by every command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { describeConfig, loadConfig } from '../config.ts';

const shown = (env: Record<string, string>): Record<string, string> => Object.fromEntries(describeConfig(loadConfig(env)).map((r) => [r.env, r.value]));

describe('config display', () => {
  it('shows a SQLite path, and a URL without its password', () => {
    expect(shown({ DATABASE_URL: 'sqlite:/srv/paperboy/data/paperboy.db' }).DATABASE_URL).toBe('sqlite:/srv/paperboy/data/paperboy.db');
    expect(shown({}).DATABASE_URL).toBe('sqlite:data/paperboy.db');
    expect(shown({ DATABASE_URL: 'postgres://paperboy:S3cret@db.example.org/pb' }).DATABASE_URL).toBe('postgres://paperboy:***@db.example.org/pb');
    expect(shown({ SMTP_URL: 'smtp://user:p@ss@mail.example.org:587' }).SMTP_URL).toBe('smtp://user:***@mail.example.org:587');
    expect(shown({ SMTP_URL: 'smtps://mail.example.org' }).SMTP_URL).toBe('smtps://mail.example.org');
  });

  it('masks other secrets whole', () => {
    const rows = shown({ SECRET_KEY: 'k'.repeat(40), ADMIN_PASSWORD: 'p@ssw0rd:x' });
    expect(rows).toMatchObject({ SECRET_KEY: '***', ADMIN_PASSWORD: '***' });
  });

  it('names a mistyped setting on stderr, from `config` and from commands on the store', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-config-'));
    try {
      const env = { DATABASE_URL: `sqlite:${path.join(dir, 'p.db')}`, DATABSE_URL: 'postgres://db.example.org/pb' };
      const hint = 'DATABSE_URL is not a Paperboy setting and is ignored: did you mean DATABASE_URL?';
      const config = await runCli(['config'], env);
      expect(config.code).toBe(0);
      expect(config.stderr).toBe(`paperboy: ${hint}\n`);
      const imported = await runCli(['import', path.join(dir, 'none.jsonl')], env);
      expect(imported.stderr).toContain(hint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
