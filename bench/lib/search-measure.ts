/**
 * One measurement of the search benchmark, run in its own process so RSS is the index's and the
 * app's, not the corpus builder's: opens a store, builds the index with sync(), then times the
 * fixed queries through searchPapers (the API's code path) and related() on sample papers.
 * Prints one JSON object.
 */
import { searchPapers } from '../../src/actions/search-papers.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPaperSearch } from '../../src/search/index.ts';
import { BENCH_QUERIES } from './search-queries.ts';

const [file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 5);
const mb = (b: number): number => Math.round(b / 2 ** 20);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const database = openDatabase(`sqlite:${file}`);
// A cached store may predate newer migrations.
await migrateToLatest(database);
const search = createPaperSearch(database.db);
const t0 = performance.now();
const indexed = await search.sync();
const buildMs = performance.now() - t0;
globalThis.gc?.();
const rssAfterBuild = process.memoryUsage().rss;

// Warm-up: first calls compile code paths and fill SQLite's page cache.
for (const q of BENCH_QUERIES) await searchPapers(database.db, search, { query: q, limit: 20, offset: 0 });
const times: number[] = [];
let totalSum = 0;
for (let r = 0; r < rounds; r++) {
  for (const q of BENCH_QUERIES) {
    const t = performance.now();
    const res = await searchPapers(database.db, search, { query: q, limit: 20, offset: 0 });
    times.push(performance.now() - t);
    totalSum += res.total;
  }
}
const ids = await database.db.selectFrom('papers').select('id').where('id', 'not like', 'synth-%').orderBy('id').limit(2000).execute();
const related: number[] = [];
for (let i = 0; i < ids.length; i += 40) {
  const t = performance.now();
  await search.related(ids[i]!.id, 5);
  related.push(performance.now() - t);
}
const inc0 = performance.now();
const unchanged = await search.sync();
const noopSyncMs = performance.now() - inc0;

console.log(
  JSON.stringify({
    papers: indexed,
    buildSeconds: Math.round(buildMs / 100) / 10,
    rssAfterBuildMB: mb(rssAfterBuild),
    rssAfterQueriesMB: mb(process.memoryUsage().rss),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: mb(process.memoryUsage().heapUsed),
    queries: times.length,
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p95: Math.round(percentile(times, 95) * 10) / 10,
    max: Math.round(Math.max(...times) * 10) / 10,
    relatedP50: Math.round(percentile(related, 50) * 10) / 10,
    relatedP95: Math.round(percentile(related, 95) * 10) / 10,
    noopSyncMs: Math.round(noopSyncMs * 10) / 10,
    unchanged,
    meanTotal: Math.round(totalSum / times.length),
  }),
);
await database.close();
