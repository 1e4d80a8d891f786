/**
 * Ingestion benchmark: `npm run bench:ingest [-- --records N]`.
 *
 * 1. JSONL: parses and upserts the real arXiv corpus (190,809 papers, ../shared/data/arxiv-corpus.jsonl.gz)
 *    through `importFiles` into a fresh SQLite store, then brings the search index up to date,
 *    and reports papers/s for the import and for import + index together.
 * 2. OAI-PMH at scale: the same papers rendered as arXivRaw ListRecords pages of 1,000 records
 *    chained by resumption tokens, served from a local HTTP server and harvested by the real
 *    client and `ingestArxivOai` (one transaction per page with its checkpoint). The 3-second
 *    spacing is replaced by a virtual clock here: the benchmark measures our work, not arXiv's pause.
 * Resident memory is sampled as the input grows, to show it stays flat.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { importFiles } from '../src/actions/import-papers.ts';
import { ingestArxivOai, oaiSetOf } from '../src/actions/ingest/arxiv.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createPaperSearch } from '../src/search/index.ts';
import { createArxivClient } from '../src/sources/arxiv/index.ts';
import { virtualClock } from '../src/sources/http/clock.ts';
import { createPoliteFetcher } from '../src/sources/http/polite-fetch.ts';
import { startOaiServer } from './lib/oai-pages.ts';

const CORPUS = path.resolve('../shared/data/arxiv-corpus.jsonl.gz');
const { values } = parseArgs({ options: { records: { type: 'string' }, skip: { type: 'string', default: '' } } });
const limit = values.records ? Number(values.records) : Infinity;
const mb = (n: number): number => Math.round(n / 1048576);

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
        next += total / 10;
      }
    },
  };
}

async function readCorpus(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const line of createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity })) {
    if (out.length >= limit) break;
    if (line.trim()) out.push(JSON.parse(line) as Record<string, unknown>);
  }
  return out;
}

async function benchJsonl(dir: string, corpus: Record<string, unknown>[] | undefined): Promise<void> {
  // With --records, the first N records as their own file; otherwise the corpus file itself.
  let file = CORPUS;
  if (corpus) {
    file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, corpus.map((r) => JSON.stringify(r)).join('\n'));
  }
  const database = openDatabase(`sqlite:${path.join(dir, 'jsonl.db')}`);
  await migrateToLatest(database);
  const mem = memorySampler(corpus?.length ?? 190_809);
  const t0 = performance.now();
  const report = await importFiles(database.db, [file], { batchSize: 2000, onProgress: (_p, r) => mem.at(r.records) });
  const importS = (performance.now() - t0) / 1000;
  const search = createPaperSearch(database.db);
  const t1 = performance.now();
  await search.sync();
  const indexS = (performance.now() - t1) / 1000;
  console.log(
    JSON.stringify({
      bench: 'jsonl import',
      records: report.records,
      inserted: report.inserted,
      importSeconds: +importS.toFixed(1),
      importPapersPerSecond: Math.round(report.records / importS),
      indexSeconds: +indexS.toFixed(1),
      withIndexPapersPerSecond: Math.round(report.records / (importS + indexS)),
      rssMB: mem.samples,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  await database.close();
}

async function benchOai(dir: string, corpus: Record<string, unknown>[]): Promise<void> {
  const server = await startOaiServer(corpus, 1000, oaiSetOf);
  const database = openDatabase(`sqlite:${path.join(dir, 'oai.db')}`);
  await migrateToLatest(database);
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-bench (mailto:bench@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock() });
  const client = createArxivClient({ fetcher, oaiBaseUrl: server.url });
  // Every category in the corpus: each OAI set is harvested once, every paper stored once.
  const categories = [...new Set(corpus.flatMap((r) => (r['categories'] as string[] | undefined) ?? []))];
  const mem = memorySampler(corpus.length);
  let stored = 0;
  const t0 = performance.now();
  const runs = await ingestArxivOai(
    { db: database.db, now: () => new Date(), owner: 'bench', onProgress: () => mem.at(++stored * 1000) },
    client,
    { categories, since: '2000-01-01' },
  );
  const s = (performance.now() - t0) / 1000;
  const sum = (k: 'requests' | 'inserted' | 'skipped' | 'updated' | 'unchanged') => runs.reduce((n, r) => n + r[k], 0);
  const seen = sum('inserted') + sum('skipped') + sum('updated') + sum('unchanged');
  console.log(
    JSON.stringify({
      bench: 'oai-pmh harvest',
      sets: runs.length,
      failed: runs.filter((r) => r.status !== 'ok').length,
      pages: sum('requests'),
      records: seen,
      stored: sum('inserted'),
      seconds: +s.toFixed(1),
      recordsPerSecond: Math.round(seen / s),
      rssMB: mem.samples,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  await server.close();
  await database.close();
}

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-ingest-'));
try {
  // The JSONL import streams the corpus file itself; only --records and the OAI server need it in memory.
  if (!values.skip.includes('jsonl')) await benchJsonl(dir, Number.isFinite(limit) ? await readCorpus() : undefined);
  if (!values.skip.includes('oai')) await benchOai(dir, await readCorpus());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
