/**
 * "Related papers": a query made of one paper's title terms and its most distinctive abstract
 * terms (tf-idf), scored like a search without reranking, the paper itself excluded.
 */
import type { MemoryIndex } from './index/memory-index.ts';
import { accumulate, topK, type WeightedTerm } from './index/score.ts';
import { JOINED } from './text/analyze.ts';
import type { SearchHit } from './types.ts';

/** Terms taken from a paper to find its neighbours. */
export const RELATED_TERMS = 20;
/** Terms in more docs than this share (or RELATED_MIN_DF) say little about a paper and cost the most. */
const RELATED_MAX_SHARE = 0.03;
const RELATED_MIN_DF = 200;
const TITLE_TF = 3;

/** Papers most similar to doc `doc` whose abstract is `abstract`. */
export function relatedTo(index: MemoryIndex, doc: number, abstract: string, limit: number): SearchHit[] {
  const tf = new Map<number, number>();
  for (const id of index.docs.title(doc).terms) tf.set(id, (tf.get(id) ?? 0) + TITLE_TF);
  const s = index.analyzeText(abstract);
  for (let i = 0; i < s.terms.length; i++) {
    if (s.kinds[i] === JOINED) continue;
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
    .map((i) => ({ id: index.docs.ids[acc.docs[i]!]!, score: Math.round(acc.scores[i]! * 1e4) / 1e4 }));
}
