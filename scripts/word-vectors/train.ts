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
import { PairCounts } from './cooccur.ts';
import { csrFromTriples } from './sparse.ts';
import { truncatedSvd } from './svd.ts';

const MIN_COUNT = 10;
/** Context distribution smoothing: rare contexts get less inflated PMI. */
const CONTEXT_POWER = 0.75;
/** The SIF constant a in a / (a + p(word)). */
const SIF_A = 1e-3;
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

// 1. Every topical paper as its sequence of terms (with their positions).
const texts: { terms: string[]; positions: number[] }[] = [];
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

// 2. Vocabulary: terms seen at least MIN_COUNT times.
const counts = new Map<string, number>();
for (const t of texts) for (const term of t.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
const words = [...counts].filter(([, n]) => n >= MIN_COUNT).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
const idOf = new Map(words.map((w, i) => [w, i]));
log(`${words.length} words`);

// 3. Co-occurrence within WINDOW positions, weighted 1 / distance.
const pairs = new PairCounts(words.length);
for (const t of texts) {
  const ids = t.terms.map((w) => idOf.get(w) ?? -1);
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! < 0) continue;
    for (let j = i + 1; j < ids.length && t.positions[j]! - t.positions[i]! <= WINDOW; j++) {
      if (ids[j]! < 0 || ids[j] === ids[i]) continue;
      pairs.add(ids[i]!, ids[j]!, 1 / Math.max(1, t.positions[j]! - t.positions[i]!));
    }
  }
}
log(`${pairs.size} word pairs`);

// 4. PPMI matrix (both directions of each pair).
const row = new Float64Array(words.length);
pairs.forEach((a, b, w) => {
  row[a]! += w;
  row[b]! += w;
});
const ctx = row.map((x) => x ** CONTEXT_POWER);
const ctxTotal = ctx.reduce((s, x) => s + x, 0);
const r: number[] = [];
const c: number[] = [];
const v: number[] = [];
// log(P(a, b) / (P(a) · P_smoothed(b))); the grand total cancels out.
const pmi = (a: number, b: number, w: number): number => Math.log((w * ctxTotal) / (row[a]! * ctx[b]!));
pairs.forEach((a, b, w) => {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const p = pmi(x, y, w);
    if (p > 0) {
      r.push(x);
      c.push(y);
      v.push(p);
    }
  }
});
const matrix = csrFromTriples(words.length, words.length, Int32Array.from(r), Int32Array.from(c), Float32Array.from(v));
log(`PPMI: ${v.length} positive entries`);

// 5. Vectors: U·sqrt(S), rows normalized.
const { u, s } = truncatedSvd(matrix, dims, { onStep: log });
const vectors = new Float32Array(words.length * dims);
for (let i = 0; i < words.length; i++) {
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += (u.data[i * dims + d]! * Math.sqrt(s[d]!)) ** 2;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dims; d++) vectors[i * dims + d] = u.data[i * dims + d]! * Math.sqrt(s[d]!) * inv;
}

// 6. Weights and the common direction of text vectors (their first principal direction, found
// by power iteration over a sample of papers), which the search removes from every text vector.
const tokenTotal = [...counts.values()].reduce((a, b) => a + b, 0);
const weights = Float32Array.from(words, (w) => SIF_A / (SIF_A + counts.get(w)! / tokenTotal));
const sample = texts.filter((_, i) => i % 10 === 0).map((t) => {
  const out = new Float64Array(dims);
  for (const term of t.terms) {
    const id = idOf.get(term);
    if (id === undefined) continue;
    for (let d = 0; d < dims; d++) out[d]! += weights[id]! * vectors[id * dims + d]!;
  }
  return out;
});
let common = new Float64Array(dims).fill(1 / Math.sqrt(dims));
for (let it = 0; it < 50; it++) {
  const next = new Float64Array(dims);
  for (const x of sample) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += x[d]! * common[d]!;
    for (let d = 0; d < dims; d++) next[d]! += dot * x[d]!;
  }
  const norm = Math.sqrt(next.reduce((a, b) => a + b * b, 0));
  common = next.map((x) => x / norm);
}

writeFileSync(
  values.out,
  encodeWordVectors({
    dims,
    words,
    weights,
    vectors,
    common: Float32Array.from(common),
    source: `PPMI-SVD, window ${WINDOW}, ${texts.length} papers (${corpus.map((f) => f.split('/').pop()).join(', ')})`,
  }),
);
log(`wrote ${values.out}`);
