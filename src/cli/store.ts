/**
 * `paperboy store copy --to URL [--from URL]`: copies the whole store (DATABASE_URL, or --from)
 * into an empty one, SQLite to PostgreSQL or back, then prints each table's rows on both sides.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { checkSource, copyStore, type CopyReport, where } from '../actions/copy-store.ts';
import { loadConfig } from '../config.ts';
import { AppError, badRequest } from '../core/errors.ts';
import { redactUrl } from '../core/redact-url.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { storeProblem } from './store-problem.ts';
import { tableProgress } from './table-progress.ts';

interface CopyOptions {
  to: string;
  from?: string;
  toSchema?: string;
  fromSchema?: string;
}

/** Registers `store copy` under a `store` command. */
export function registerStore(program: Command): void {
  const store = program.command('store').description('manage the store as a whole');
  store
    .command('copy')
    .description('copy every table of the store (DATABASE_URL, or --from) into an empty store: SQLite to PostgreSQL or back')
    .requiredOption('--to <url>', 'the empty store to fill: postgres://USER:PASSWORD@HOST/DB or sqlite:PATH')
    .option('--from <url>', 'the store to copy (default: DATABASE_URL)')
    .option('--to-schema <name>', "PostgreSQL schema of the target's tables (default: DATABASE_SCHEMA)")
    .option('--from-schema <name>', "PostgreSQL schema of the source's tables (default: DATABASE_SCHEMA)")
    .action(async (opts: CopyOptions) => {
      const config = loadConfig();
      const from = storeUrl('--from', opts.from ?? config.databaseUrl);
      const to = storeUrl('--to', opts.to);
      const fromSchema = schemaName('--from-schema', opts.fromSchema ?? config.databaseSchema);
      const toSchema = schemaName('--to-schema', opts.toSchema ?? config.databaseSchema);
      if (sameStore(from, fromSchema, to, toSchema)) throw badRequest('same_store', `the source and the target are the same store (${redactUrl(to)}): give another --to`);
      const source = openDatabase(from, { pgSchema: fromSchema, mustExist: true });
      let target: Database | undefined;
      const progress = tableProgress();
      try {
        await reachable(source, opts.from ? '--from' : 'DATABASE_URL');
        // Before the target is opened, which creates a SQLite file.
        await checkSource(source);
        target = openDatabase(to, { pgSchema: toSchema });
        await reachable(target, '--to');
        const report = await copyStore(source, target, { onProgress: (p) => progress.update(p) });
        progress.stop();
        process.stdout.write(summary(report, source, target));
      } finally {
        progress.stop();
        await target?.close();
        await source.close();
      }
    });
}

/** A store URL Paperboy can open, else a usage error (with any password masked). */
function storeUrl(option: string, url: string): string {
  if (/^(postgres(ql)?:\/\/|sqlite:)/.test(url)) return url;
  throw badRequest('usage', `${option} "${redactUrl(url)}" is not a store: give postgres://USER:PASSWORD@HOST/DB or sqlite:PATH`);
}

function schemaName(option: string, name: string): string {
  if (/^[a-z_][a-z0-9_]{0,62}$/.test(name)) return name;
  throw badRequest('usage', `${option} "${name}" is not a lower-case SQL identifier`);
}

function sameStore(from: string, fromSchema: string, to: string, toSchema: string): boolean {
  const file = (url: string): string | undefined => (url.startsWith('sqlite:') ? path.resolve(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')) : undefined);
  const [a, b] = [file(from), file(to)];
  return a !== undefined || b !== undefined ? a === b : from === to && fromSchema === toSchema;
}

/** Connects once, so that a store that cannot be reached is named in the message, with the option that gave it. */
async function reachable(store: Database, given: string): Promise<void> {
  try {
    await sql`select 1`.execute(store.db);
  } catch (err) {
    const line = storeProblem(err, store)?.replace('(DATABASE_URL=', given === 'DATABASE_URL' ? '(DATABASE_URL=' : `(${given} `);
    throw line ? new AppError(500, 'database_unavailable', line, { cause: err }) : err;
  }
}

/** What was copied: totals, speed, and each table's rows in the source and the target. */
function summary(report: CopyReport, source: Database, target: Database): string {
  const n = (v: number): string => v.toLocaleString('en-US');
  const seconds = report.ms / 1000;
  const width = Math.max(5, ...report.tables.map((t) => t.name.length));
  const lines = [
    `Copied ${n(report.rows)} rows from ${where(source)} to ${where(target)} in ${seconds.toFixed(1)} s (${n(Math.round(report.rows / Math.max(seconds, 0.001)))} rows/s).`,
    `${'table'.padEnd(width)}  ${'source'.padStart(10)}  ${'target'.padStart(10)}`,
    ...report.tables.map((t) => `${t.name.padEnd(width)}  ${n(t.source).padStart(10)}  ${n(t.target).padStart(10)}`),
    `Every table holds the same number of rows in both stores${report.sequences > 0 ? `; ${report.sequences} sequences were moved past the copied rows` : ''}.`,
  ];
  return `${lines.join('\n')}\n`;
}
