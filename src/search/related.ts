/**
 * "Related papers": a query made of one paper's title terms and its most distinctive abstract
 * terms (tf-idf), scored like a search, the paper itself excluded; then the best RERANK_DEPTH
 * reranked by meaning (the cosine of the two papers' word-vector means).
 */
import type { MemoryIndex } from './index/memory-index.ts';
import { accumulate, topK, type WeightedTerm } from './index/score.ts';
import { RERANK_DEPTH } from './ranking.ts';
import { cosineStored, type StoredVector } from './semantic/meaning.ts';
import { JOINED, SOLID } from './text/analyze.ts';
import type { SearchHit } from './types.ts';

/** Terms taken from a paper to find its neighbours. */
export const RELATED_TERMS = 20;
/** Terms in more docs than this share (or RELATED_MIN_DF) say little about a paper and cost the most. */
const RELATED_MAX_SHARE = 0.03;
const RELATED_MIN_DF = 200;
const TITLE_TF = 3;
/**
 * Weight of meaning against words (the best word score counting 1). Judged on papers relevant to
 * the same query of bench/search-quality: nDCG@5 0.511 by words, 0.561 with meaning at 1.5 (flat
 * from 1 to 3).
 */
export const RELATED_MEANING_WEIGHT = 1.5;

/** Papers most similar to doc `doc`, whose abstract is `abstract`. */
export function relatedTo(index: MemoryIndex, doc: number, abstract: string, limit: number): SearchHit[] {
  const own = index.docs.vector(doc);
  const hits = byWords(index, doc, abstract, own ? Math.max(limit, RERANK_DEPTH) : limit);
  if (!own || hits.length < 2) return hits.slice(0, limit).map(rounded);
  const ownVector = unit(own);
  const best = hits[0]!.score;
  for (const h of hits) {
    const d = index.docs.docOf(h.id);
    const v = d === undefined ? undefined : index.docs.vector(d);
    h.score = h.score / best + (v ? RELATED_MEANING_WEIGHT * cosineStored(ownVector, v) : 0);
  }
  return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit).map(rounded);
}

// A stored vector as a float one.
function unit(v: StoredVector): Float32Array {
  return Float32Array.from(v.components, (c) => c * v.scale);
}

const rounded = (h: SearchHit): SearchHit => ({ id: h.id, score: Math.round(h.score * 1e4) / 1e4 });

// The best `limit` papers by shared distinctive words.
function byWords(index: MemoryIndex, doc: number, abstract: string, limit: number): SearchHit[] {
  const tf = new Map<number, number>();
  for (const id of index.docs.title(doc).terms) tf.set(id, (tf.get(id) ?? 0) + TITLE_TF);
  const s = index.analyzeText(abstract);
  for (let i = 0; i < s.terms.length; i++) {
    if (s.kinds[i] === JOINED || s.kinds[i] === SOLID) continue;
    const id = index.termId(s.terms[i]!);
    if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + 1);
  }
  // A term only this paper has cannot find another; sublinear tf keeps one repeated word from dominating.
  const scored = [...tf]
    .filter(([id]) => index.df[id]! > 1 && index.df[id]! <= Math.max(RELATED_MIN_DF, RELATED_MAX_SHARE * index.docs.count))
    .map(([id, n]) => ({ id, w: (1 + Math.log(n)) * index.idf(id) }))
    .sort((a, b) => b.w - a.w || a.id - b.id)
    .slice(0, RELATED_TERMS);
  const max = scored[0]?.w ?? 1;
  const terms: WeightedTerm[] = scored.map((t) => ({ id: t.id, weight: t.w / max, bit: -1 }));
  const acc = accumulate(index, terms);
  const self = acc.docs.indexOf(doc);
  if (self >= 0) acc.scores[self] = -1;
  return topK(acc.scores, limit + 1)
    .filter((i) => acc.docs[i] !== doc && acc.scores[i]! > 0)
    .slice(0, limit)
    .map((i) => ({ id: index.docs.ids[acc.docs[i]!]!, score: acc.scores[i]! }));
}
