/**
 * Builds data/sample/arxiv-categories.tsv.gz: the arXiv categories of the bundled sample's papers
 * (Hugging Face gives none), taken from the arXiv corpus, so category filters work out of the box.
 * One line per paper, "ID<TAB>cat1 cat2 ...", primary category first.
 *
 *   node --import tsx scripts/sample-categories/build.ts ../shared/data/arxiv-corpus.jsonl.gz
 */
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync, createGunzip } from 'node:zlib';
import { sampleFiles } from '../../src/actions/load-sample.ts';
import { readPaperFile } from '../../src/sources/files.ts';

const corpus = process.argv[2];
if (!corpus) {
  process.stderr.write('usage: build.ts ARXIV_CORPUS.jsonl.gz\n');
  process.exit(2);
}
const sampleDir = path.resolve('data/sample');
const ids = new Set<string>();
for (const file of sampleFiles(sampleDir)) {
  for await (const ev of readPaperFile(file)) if (ev.kind === 'paper' && ev.paper.arxivId) ids.add(ev.paper.arxivId);
}
const lines: string[] = [];
const input = createInterface({ input: createReadStream(corpus).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of input) {
  if (!line) continue;
  const r = JSON.parse(line) as { id: string; categories?: string[] };
  if (ids.has(r.id) && r.categories && r.categories.length > 0) lines.push(`${r.id}\t${r.categories.join(' ')}`);
}
lines.sort();
const out = path.join(sampleDir, 'arxiv-categories.tsv.gz');
writeFileSync(out, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
process.stderr.write(`${lines.length} of ${ids.size} sample papers have categories: ${out}\n`);
