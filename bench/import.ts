/**
 * Import benchmark: `npm run bench:import [-- --records N] [-- --postgres URL]`.
 * Takes the first N (default 100,000) real arXiv papers from the shared corpus, writes them as
 * JSONL, and times `importFiles` (parse, validate, upsert in 1,000-record transactions) into a
 * fresh store: SQLite, and PostgreSQL when a URL is given. A second run over the same file
 * measures the idempotent re-import (every record unchanged).
 */
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importFiles } from '../src/actions/import-papers.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { corpusLines } from './lib/corpus.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, postgres: { type: 'string' } } });
const records = Number(values.records);

async function sampleFile(n: number): Promise<string> {
  const dir = path.resolve('bench/.cache');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `arxiv-${n}.jsonl`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  let count = 0;
  for await (const line of corpusLines()) {
    if (count++ >= n) break;
    out.write(`${line}\n`);
  }
  await new Promise((r) => out.end(r));
  return file;
}

async function run(label: string, url: string, file: string, pgSchema?: string): Promise<void> {
  const database = openDatabase(url, pgSchema ? { pgSchema } : {});
  await migrateToLatest(database);
  for (const pass of ['first import', 're-import']) {
    const t0 = process.hrtime.bigint();
    const report = await importFiles(database.db, [file]);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    console.log(
      `${label.padEnd(10)} ${pass.padEnd(12)} ${report.records} records in ${s.toFixed(1)} s = ${Math.round(report.records / s)} records/s ` +
        `(new ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejectedCount}); RSS ${rss} MB`,
    );
  }
  await database.close();
}

const file = await sampleFile(records);
const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-'));
await run('sqlite', `sqlite:${path.join(dir, 'bench.db')}`, file);
rmSync(dir, { recursive: true, force: true });
if (values.postgres) {
  const schema = `bench_${process.pid}`;
  const admin = openDatabase(values.postgres);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  try {
    await run('postgres', values.postgres, file, schema);
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
}
