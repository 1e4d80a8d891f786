/**
 * Search benchmark: builds (or reuses, from bench/.cache/search) SQLite stores of the real arXiv
 * corpus (190,809 papers) and of the corpus padded with synthetic papers, then measures each in a
 * fresh process: index build time through createPaperSearch(db).sync(), RSS, and latency of a
 * fixed query set through searchPapers (the API's path) and of related().
 *
 *   npm run bench:search -- --sizes 190k,1m --rounds 5
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { paddedStore, realStore } from './lib/search-corpus.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '190k,1m' }, rounds: { type: 'string', default: '5' } } });

function parseSize(s: string): number | 'real' {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}": use e.g. 190k or 1m`);
  if (s.trim().toLowerCase() === '190k') return 'real';
  return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1));
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
console.log(`# search benchmark, ${new Date().toISOString().slice(0, 10)}, ${machine}`);
const rows: string[] = [];
for (const size of (values.sizes ?? '').split(',').filter(Boolean)) {
  const want = parseSize(size);
  console.error(`[${size}] preparing store...`);
  const file = want === 'real' ? await realStore() : await paddedStore(want);
  console.error(`[${size}] building index and measuring...`);
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/lib/search-measure.ts', file, values.rounds ?? '5'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  console.log(JSON.stringify({ size, ...r }));
  rows.push(
    `| ${r.papers!.toLocaleString('en')} | ${r.buildSeconds} s | ${r.p50} ms | ${r.p95} ms | ${r.relatedP50} / ${r.relatedP95} ms | ${r.rssAfterBuildMB} MB | ${r.peakRssMB} MB |`,
  );
}
console.log('\n| papers | index build | search p50 | search p95 | related p50 / p95 | RSS after build | peak RSS |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
