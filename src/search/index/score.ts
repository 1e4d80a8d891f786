/**
 * BM25F scoring, term at a time: each query term's postings add into a score buffer, and a
 * bitmask per doc records which query concepts it matched (for coverage and the total count).
 * Buffers are reused across queries; scoring is synchronous so queries never interleave in it.
 */
import { FIELDS } from './docs.ts';
import { BM25, type MemoryIndex } from './memory-index.ts';
import { escapedAt, findTerm, TF_CODES, TF_ESCAPED } from './segment.ts';

/** A query term to score: weight scales its BM25F contribution; bit (0..31, or -1) marks its concept. */
export interface WeightedTerm {
  id: number;
  weight: number;
  bit: number;
  /** Further concepts a match covers: a joined spelling ("FlashAttention") stands for its words. */
  also?: number;
}

/** Scores and concept masks of the docs a query touched. */
export interface Accumulated {
  docs: Int32Array;
  scores: Float32Array;
  masks: Uint32Array;
  /** Largest document frequency among concept terms that only scored docs rarer terms had found. */
  skippedDf: number;
}

/**
 * A term in more than this share of docs adds no candidates of its own when the query has a rarer
 * term: it only adds to docs already found ("model" in "diffusion model"). This bounds the work
 * of common words while their contribution to the ranking is kept.
 */
export const COMMON_SHARE = 0.05;
/** ...and only in corpora and candidate sets large enough for the saving to matter. */
const COMMON_MIN_DF = 5000;
const ENOUGH_CANDIDATES = 1000;
/**
 * A term in more than this share of docs (and at least STOP_MIN_DF of them) is a stopword of this
 * corpus when the query has any rarer term: its idf is near zero and walking its postings is
 * most of a query's cost at a million papers. Proximity reranking still sees it.
 */
export const STOP_SHARE = 0.25;
const STOP_MIN_DF = 20_000;

// Per doc, its score (float32) and its concept mask (uint32) side by side, so that a posting
// touches one cache line for both: at a million docs this halves the time of a query's scoring.
// The docs touched are listed in a buffer kept across queries, like the rest.
let acc = new ArrayBuffer(0);
let seen = new Uint8Array(0);
let allowed = new Uint8Array(0);
let touchedBuf = new Int32Array(0);
const TF_ESCAPED_AT = TF_ESCAPED * FIELDS;

/** Accumulates BM25F scores of `terms` over the live docs of the index (only the docs `only`, when given). */
export function accumulate(index: MemoryIndex, terms: WeightedTerm[], only?: Int32Array): Accumulated {
  const n = index.docs.count;
  if (seen.length < n) {
    const room = Math.ceil(n * 1.25);
    acc = new ArrayBuffer(room * 8);
    seen = new Uint8Array(room);
    allowed = new Uint8Array(room);
    touchedBuf = new Int32Array(room);
  }
  // Under `only`, the docs that may score are those of `only` that are alive.
  if (only) for (const d of only) if (d < n) allowed[d] = index.docs.alive[d]!;
  try {
    return gather(index, terms, n, only !== undefined);
  } finally {
    if (only) for (const d of only) if (d < n) allowed[d] = 0;
  }
}

function gather(index: MemoryIndex, terms: WeightedTerm[], n: number, restricted: boolean): Accumulated {
  const scores = new Float32Array(acc);
  const masks = new Uint32Array(acc);
  const seenDoc = seen;
  const touched = touchedBuf;
  let count = 0;
  const eligible = restricted ? allowed : index.docs.alive;
  const norms = index.norms;
  const k1 = BM25.k1;
  const common = Math.max(COMMON_SHARE * n, COMMON_MIN_DF);
  const stop = Math.max(STOP_SHARE * n, STOP_MIN_DF);
  // Only a concept's docs are matches (see ranking.ts): words that mark none (filler, "papers")
  // only add to docs a concept found, when the query has a concept at all.
  const group = (t: WeightedTerm): number => (t.also !== undefined ? 1 : marksConcept(t) ? 0 : 2);
  // Rarest first, so common terms find their candidates already there. Joined spellings come
  // after the words: they only add to docs that lack some of the words they spell.
  const known = terms.filter((t) => t.id >= 0).sort((a, b) => group(a) - group(b) || index.df[a.id]! - index.df[b.id]! || a.id - b.id);
  const anyConcept = known.some(marksConcept);
  // Stopwords of the corpus are skipped while a rarer term can find the matches: a rarer concept,
  // or for a query without concepts any rarer term.
  const rarer = known.filter((t) => index.df[t.id]! <= stop);
  const ordered = (anyConcept ? rarer.some(marksConcept) : rarer.length > 0) ? rarer : known;
  // A skipped filler word counts no match.
  let skippedDf = 0;
  for (const t of known) if (!ordered.includes(t) && marksConcept(t)) skippedDf = Math.max(skippedDf, index.df[t.id]!);
  for (const t of ordered) {
    const w = t.weight * index.idf(t.id);
    const also = t.also ?? 0;
    const bit = (t.bit >= 0 ? 1 << t.bit : 0) | also;
    const isCommon = index.df[t.id]! > common && count >= ENOUGH_CANDIDATES;
    if (isCommon && marksConcept(t)) skippedDf = Math.max(skippedDf, index.df[t.id]!);
    const onlySeen = isCommon || (anyConcept && !marksConcept(t));
    for (const seg of index.segments) {
      const k = findTerm(seg, t.id);
      if (k < 0) continue;
      const { docs, tf, base, escapedTf } = seg;
      for (let p = seg.offsets[k]!, end = seg.offsets[k + 1]!; p < end; p++) {
        const d = base + docs[p]!;
        if (eligible[d] === 0 || (onlySeen && seenDoc[d] === 0)) continue;
        const m = 2 * d + 1;
        if (also !== 0 && (masks[m]! & also) === also) continue;
        const o = d * FIELDS;
        // A posting's frequencies: its code's, or (rarely) the segment's escaped ones.
        const c = tf[p]! * FIELDS;
        const e = c < TF_ESCAPED_AT ? -1 : escapedAt(seg, p);
        const x =
          e < 0
            ? TF_CODES[c]! * norms[o]! + TF_CODES[c + 1]! * norms[o + 1]! + TF_CODES[c + 2]! * norms[o + 2]!
            : escapedTf[e]! * norms[o]! + escapedTf[e + 1]! * norms[o + 1]! + escapedTf[e + 2]! * norms[o + 2]!;
        if (seenDoc[d] === 0) {
          seenDoc[d] = 1;
          touched[count++] = d;
        }
        scores[m - 1]! += (w * x) / (k1 + x);
        masks[m]! |= bit;
      }
    }
  }
  const out: Accumulated = {
    docs: touched.slice(0, count),
    scores: new Float32Array(count),
    masks: new Uint32Array(count),
    skippedDf,
  };
  for (let i = 0; i < count; i++) {
    const d = touched[i]!;
    out.scores[i] = scores[2 * d]!;
    out.masks[i] = masks[2 * d + 1]!;
    scores[2 * d] = 0;
    masks[2 * d + 1] = 0;
    seenDoc[d] = 0;
  }
  return out;
}

/** Whether a term marks a concept of its query (its own, or those a joined spelling stands for). */
export function marksConcept(t: WeightedTerm): boolean {
  return t.bit >= 0 || (t.also ?? 0) !== 0;
}

/** Indices of the `k` largest values, largest first (ties: lower index first). */
export function topK(values: Float32Array | Float64Array, k: number): number[] {
  // A min-heap of the best k so far: O(n log k) for n candidates.
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => values[a]! < values[b]! || (values[a] === values[b] && a > b);
  for (let i = 0; i < values.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!less(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (k > 0 && less(heap[0]!, i)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}
