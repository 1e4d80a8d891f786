/**
 * Ingestion benchmark: `npm run bench:ingest [-- --records N] [-- --skip jsonl|oai]
 * [-- --index follow|after|both] [-- --batch N] [-- --oai-batch N]`.
 *
 * 1. JSONL: parses and upserts the real arXiv corpus (190,809 papers, ../shared/data/arxiv-corpus.jsonl.gz)
 *    through `importFiles` into a fresh SQLite store (with the store's own indexes: categories,
 *    author and organization names, in transactions of DEFAULT_BATCH records).
 * 2. OAI-PMH at scale: the same papers rendered as arXivRaw ListRecords pages of 1,000 records
 *    chained by resumption tokens, served by a separate process (as arXiv is remote) and
 *    harvested by the real client and `ingestArxivOai` (pages that come faster than they are
 *    stored are committed together, up to OAI_BATCH records or --oai-batch, with the last page's
 *    checkpoint; --oai-batch 1 commits every page alone, as a harvest paced by arXiv does). The 3-second spacing is replaced by a virtual clock: the benchmark measures
 *    our work, not arXiv's pause.
 * Each runs with the search index kept up to date in one of two ways: 'follow', as a serving node
 * does (syncs back to back while the ingestion runs, on its analysis worker), or 'after' (one
 * full build once the store is written). Reported: when the store was done, and when every paper
 * was searchable. Each run is a process of its own; resident memory and the live heap are
 * sampled as the input grows.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH, importFiles } from '../src/actions/import-papers.ts';
import { ingestArxivOai, OAI_BATCH } from '../src/actions/ingest/arxiv.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createPaperSearch } from '../src/search/index.ts';
import { createArxivClient } from '../src/sources/arxiv/index.ts';
import { virtualClock } from '../src/sources/http/clock.ts';
import { createPoliteFetcher } from '../src/sources/http/polite-fetch.ts';
import { CORPUS, readCorpus } from './lib/corpus.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    skip: { type: 'string', default: '' },
    index: { type: 'string', default: 'both' },
    batch: { type: 'string', default: String(DEFAULT_BATCH) },
    'oai-batch': { type: 'string', default: String(OAI_BATCH) },
  },
});
if (!['both', 'after', 'follow'].includes(values.index)) throw new Error('--index is both, after or follow');
/** Records per transaction of the JSONL import (the CLI's --batch). */
const BATCH = Number(values.batch);
const limit = values.records ? Number(values.records) : Infinity;
const mb = (n: number): number => Math.round(n / 1048576);
const seconds = (from: number): number => +((performance.now() - from) / 1000).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Samples memory every 10% of progress: the live heap after a full collection (what the
 * ingestion keeps; run with --expose-gc, as `npm run bench:ingest` does) and the RSS.
 */
function memorySampler(total: number) {
  const samples: { done: number; liveHeapMB: number; rssMB: number }[] = [];
  let next = total / 10;
  return {
    samples,
    at(done: number) {
      if (done >= next) {
        gc?.();
        samples.push({ done, liveHeapMB: mb(process.memoryUsage().heapUsed), rssMB: mb(process.memoryUsage().rss) });
        while (next <= done) next += total / 10;
      }
    },
  };
}

/** A fresh SQLite store in the benchmark's directory. */
async function freshStore(dir: string, name: string): Promise<Database> {
  const database = openDatabase(`sqlite:${path.join(dir, `${name}.db`)}`);
  await migrateToLatest(database);
  return database;
}

/** How the search index is brought up to date: after the ingestion, or following it as it runs. */
type IndexMode = 'after' | 'follow';

/**
 * Runs `ingest` into a fresh store with the search index built after it ('after') or following it
 * ('follow': syncs back to back while it runs, as a serving node does every SEARCH_SYNC_SECONDS,
 * then one last sync). Returns the timings: store done, and every paper searchable.
 */
async function timed(
  database: Database,
  mode: IndexMode,
  ingest: () => Promise<void>,
): Promise<{ storeSeconds: number; searchableSeconds: number; indexed: number; syncs: number }> {
  const search = createPaperSearch(database.db);
  const t0 = performance.now();
  let running = true;
  let syncs = 0;
  const follower = (async () => {
    while (mode === 'follow' && running) {
      await search.sync();
      syncs++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  let storeSeconds: number;
  try {
    await ingest();
  } finally {
    storeSeconds = seconds(t0);
    running = false;
    await follower;
  }
  await search.sync();
  return { storeSeconds, searchableSeconds: seconds(t0), indexed: search.size, syncs: syncs + 1 };
}

/** Prints one run's result line: what the source reports, then the timings and memory every run has. */
function printResult(fields: Record<string, unknown>, records: number, t: Awaited<ReturnType<typeof timed>>, mem: ReturnType<typeof memorySampler>): void {
  console.log(
    JSON.stringify({
      ...fields,
      records,
      indexed: t.indexed,
      syncs: t.syncs,
      storeSeconds: t.storeSeconds,
      storePapersPerSecond: Math.round(records / t.storeSeconds),
      searchableSeconds: t.searchableSeconds,
      withIndexPapersPerSecond: Math.round(records / t.searchableSeconds),
      rssMB: mem.samples,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

async function benchJsonl(dir: string, mode: IndexMode): Promise<void> {
  // With --records, the first N records as their own file; otherwise the corpus file itself.
  let file = CORPUS;
  if (Number.isFinite(limit)) {
    file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, (await readCorpus(limit)).map((r) => JSON.stringify(r)).join('\n'));
  }
  const database = await freshStore(dir, `jsonl-${mode}`);
  const mem = memorySampler(Number.isFinite(limit) ? limit : 190_809);
  let report: Awaited<ReturnType<typeof importFiles>> | undefined;
  const t = await timed(database, mode, async () => {
    report = await importFiles(database.db, [file], { batchSize: BATCH, onProgress: (_p, r) => mem.at(r.records) });
  });
  printResult({ bench: 'jsonl import', index: mode, inserted: report!.inserted }, report!.records, t, mem);
  await database.close();
}

/** Starts the OAI-PMH server process over the first `limit` records. */
async function startServer(): Promise<{ url: string; records: number; categories: string[]; close(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/oai-server-process.ts', ...(Number.isFinite(limit) ? [String(limit)] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const info = JSON.parse(line) as { url: string; records: number; categories: string[] };
    return { ...info, close: () => child.stdin.end() };
  }
  throw new Error('the OAI-PMH server process did not start');
}

async function benchOai(dir: string, mode: IndexMode): Promise<void> {
  const server = await startServer();
  const database = await freshStore(dir, `oai-${mode}`);
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-bench (mailto:bench@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock() });
  const client = createArxivClient({ fetcher, oaiBaseUrl: server.url });
  const mem = memorySampler(server.records);
  const batchRecords = Number(values['oai-batch']);
  // Records handled so far, per set's run (each run counts its own).
  const handled = new Map<string, number>();
  const total = (): number => [...handled.values()].reduce((a, b) => a + b, 0);
  let runs: Awaited<ReturnType<typeof ingestArxivOai>> = [];
  // Every category in the corpus: each OAI set is harvested once, every paper stored once.
  const t = await timed(database, mode, async () => {
    runs = await ingestArxivOai(
      {
        db: database.db,
        now: () => new Date(),
        owner: 'bench',
        onProgress: (source, c) => {
          handled.set(source, c.inserted + c.updated + c.unchanged + c.skipped);
          mem.at(total());
        },
      },
      client,
      { categories: server.categories, since: '2000-01-01', batchRecords },
    );
  });
  const sum = (k: 'requests' | 'inserted' | 'skipped' | 'updated' | 'unchanged') => runs.reduce((n, r) => n + r[k], 0);
  const seen = sum('inserted') + sum('skipped') + sum('updated') + sum('unchanged');
  const fields = { bench: 'oai-pmh harvest', index: mode, batchRecords, sets: runs.length, failed: runs.filter((r) => r.status !== 'ok').length, pages: sum('requests'), stored: sum('inserted') };
  printResult(fields, seen, t, mem);
  server.close();
  await database.close();
}

const modes = (values.index === 'both' ? ['follow', 'after'] : [values.index]) as IndexMode[];
const sources = ['jsonl', 'oai'].filter((k) => !values.skip.includes(k));
if (modes.length * sources.length > 1) {
  // One process per run, so each run's memory is its own (and not what an earlier run left).
  for (const mode of modes) {
    for (const source of sources) {
      const args = [...process.execArgv, process.argv[1]!, '--index', mode, '--skip', ['jsonl', 'oai'].filter((k) => k !== source).join(','), '--batch', String(BATCH)];
      args.push('--oai-batch', values['oai-batch']);
      if (values.records) args.push('--records', values.records);
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      if (code !== 0) throw new Error(`the ${source} run (${mode}) failed with exit code ${code}`);
    }
  }
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-ingest-'));
  try {
    for (const mode of modes) {
      if (sources.includes('jsonl')) await benchJsonl(dir, mode);
      if (sources.includes('oai')) await benchOai(dir, mode);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
