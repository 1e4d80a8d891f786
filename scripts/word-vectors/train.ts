/**
 * Trains the word vectors behind search by meaning (data/models/word-vectors.bin): positive
 * pointwise mutual information of words within a few positions of each other, over the titles
 * and abstracts of computer-science and statistics papers, reduced to a few hundred dimensions by
 * truncated SVD (Levy, Goldberg and Dagan, 2015). Words are the search analyzer's terms, so
 * queries and papers map to vectors exactly as they map to index terms.
 *
 *   node --import tsx scripts/word-vectors/train.ts [--corpus FILE]... [--dims 128] [--window 5] [--out FILE]
 *
 * The default corpus is the real arXiv metadata of ../shared/data/arxiv-corpus.jsonl.gz (its
 * cs.*, stat.* and eess.* papers) and the bundled sample. About three minutes on two cores.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readPaperFile } from '../../src/sources/files.ts';
import { sampleFiles } from '../../src/actions/load-sample.ts';
import { analyze, SYNONYM } from '../../src/search/text/analyze.ts';
import { encodeWordVectors } from '../../src/search/semantic/vectors-file.ts';
import { type AnalyzedText, trainWordVectors } from './train-lib.ts';

const MIN_COUNT = 10;
const TOPICAL = /^(cs|stat|eess)\./;

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    dims: { type: 'string', default: '128' },
    window: { type: 'string', default: '5' },
    out: { type: 'string', default: fileURLToPath(new URL('../../data/models/word-vectors.bin', import.meta.url)) },
  },
});
const corpus = values.corpus ?? [
  fileURLToPath(new URL('../../../shared/data/arxiv-corpus.jsonl.gz', import.meta.url)),
  ...sampleFiles(fileURLToPath(new URL('../../data/sample', import.meta.url))),
];
const dims = Number(values.dims);
/** Words at most this many positions apart co-occur. */
const WINDOW = Number(values.window);
const log = (msg: string): void => void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

// Every topical paper as its sequence of terms (with their positions).
const texts: AnalyzedText[] = [];
const seen = new Set<string>();
for (const file of corpus) {
  for await (const ev of readPaperFile(file)) {
    if (ev.kind === 'file-error') log(`skipped ${ev.where}: ${ev.reason}`);
    if (ev.kind !== 'paper') continue;
    const p = ev.paper;
    if (seen.has(p.id)) continue;
    if (p.categories.length > 0 && !p.categories.some((c) => TOPICAL.test(c))) continue;
    seen.add(p.id);
    const s = analyze(`${p.title}.\n${p.abstract}`);
    const keep = s.kinds.map((k) => k !== SYNONYM);
    texts.push({ terms: s.terms.filter((_, i) => keep[i]), positions: s.positions.filter((_, i) => keep[i]) });
  }
  log(`${file}: ${texts.length} papers so far`);
}

const vectors = trainWordVectors(texts, {
  dims,
  window: WINDOW,
  minCount: MIN_COUNT,
  source: `PPMI-SVD, window ${WINDOW}, ${texts.length} papers (${corpus.map((f) => f.split('/').pop()).join(', ')})`,
  log,
});
writeFileSync(values.out, encodeWordVectors(vectors));
log(`wrote ${values.out}`);
