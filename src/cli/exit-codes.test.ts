// The exit codes `--help` lists are the README's, word for word, and every command's help ends with them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { EXIT_CODES, EXIT_CODES_HELP } from './exit-codes.ts';

describe('exit codes in --help', () => {
  it("are the README's table, in its words", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const table = /Exit codes, for scripts and cron: (.*?) #/.exec(readme)?.[1] ?? '';
    const inReadme = [...table.matchAll(/\*\*(\d+)\*\*/g)].map((m) => Number(m[1]));
    expect(EXIT_CODES.map(([code]) => code)).toEqual(inReadme);
    for (const [code, meaning] of EXIT_CODES) expect(table).toContain(`**${code}** ${meaning}`);
  });

  it('end the help of paperboy and of its commands', async () => {
    for (const args of [['--help'], ['import', '--help'], ['ingest', 'hf', '--help'], ['digest', 'send', '--help'], ['org', 'assign', '--help']]) {
      const r = await runCli(args, {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.trimEnd().endsWith(EXIT_CODES_HELP.trim()), args.join(' ')).toBe(true);
    }
    expect(EXIT_CODES_HELP).toContain('Exit codes: 0 done; 1 it failed or could not run; 2 a usage mistake; 3 done in part; 75 another process');
  });
});
