/**
 * Word vectors from analyzed texts: positive pointwise mutual information of words within a few
 * positions of each other, reduced by truncated SVD (Levy, Goldberg and Dagan, 2015), with
 * smooth-inverse-frequency weights and the texts' common direction for the search to remove.
 */
import type { WordVectors } from '../../src/search/semantic/vectors-file.ts';
import { PairCounts } from './cooccur.ts';
import { csrFromTriples } from './sparse.ts';
import { truncatedSvd } from './svd.ts';

/** A text as the analyzer's terms and their positions. */
export interface AnalyzedText {
  terms: string[];
  positions: number[];
}

export interface TrainOptions {
  dims: number;
  /** Words at most this many positions apart co-occur. */
  window: number;
  /** Words seen fewer times get no vector. */
  minCount: number;
  source: string;
  log?: (msg: string) => void;
}

/** Context distribution smoothing: rare contexts get less inflated PMI. */
const CONTEXT_POWER = 0.75;
/** The SIF constant a in a / (a + p(word)). */
const SIF_A = 1e-3;

/** Trains vectors for the words of `texts`; the same texts and options give the same vectors. */
export function trainWordVectors(texts: readonly AnalyzedText[], opts: TrainOptions): WordVectors {
  const { dims, window: span, minCount } = opts;
  const log = opts.log ?? (() => undefined);
  // Vocabulary: terms seen at least minCount times.
  const counts = new Map<string, number>();
  for (const t of texts) for (const term of t.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const words = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const idOf = new Map(words.map((w, i) => [w, i]));
  log(`${words.length} words`);

  // Co-occurrence within span positions, weighted 1 / distance.
  const pairs = new PairCounts(words.length);
  for (const t of texts) {
    const ids = t.terms.map((w) => idOf.get(w) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i]! < 0) continue;
      for (let j = i + 1; j < ids.length && t.positions[j]! - t.positions[i]! <= span; j++) {
        if (ids[j]! < 0 || ids[j] === ids[i]) continue;
        pairs.add(ids[i]!, ids[j]!, 1 / Math.max(1, t.positions[j]! - t.positions[i]!));
      }
    }
  }
  log(`${pairs.size} word pairs`);

  // PPMI matrix (both directions of each pair).
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

  // Vectors: U·sqrt(S), rows normalized.
  const { u, s } = truncatedSvd(matrix, dims, { onStep: log });
  const vectors = new Float32Array(words.length * dims);
  for (let i = 0; i < words.length; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (u.data[i * dims + d]! * Math.sqrt(s[d]!)) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) vectors[i * dims + d] = u.data[i * dims + d]! * Math.sqrt(s[d]!) * inv;
  }

  // Weights and the common direction of text vectors (their first principal direction, found
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
  return { dims, words, weights, vectors, common: Float32Array.from(common), source: opts.source };
}
