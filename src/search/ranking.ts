/**
 * A search from plan to page: BM25F over all docs, scaled by how much of the query (idf-weighted)
 * a doc covers, then the best RERANK_DEPTH reranked by proximity and by meaning (the cosine of the
 * query's and the paper's word-vector means, the paper's kept by the index). `total` counts live docs matching at least one main
 * concept of the query (docs with only a very common one are counted as an estimate: the largest
 * such term's document frequency).
 */
import type { MemoryIndex } from './index/memory-index.ts';
import { accumulate, marksConcept, topK } from './index/score.ts';
import { forEachPosting } from './index/segment.ts';
import { docsTitled } from './index/title-match.ts';
import type { QueryPlan } from './query.ts';
import { conceptPrefixes, proximityBonus, textPositions, titlePositions } from './rerank.ts';
import { cosineStored } from './semantic/meaning.ts';
import type { PaperText } from './store.ts';
import type { SearchPage } from './types.ts';

/**
 * Candidates reranked with proximity; deeper pages keep the first-stage order, their scores
 * shifted below the lowest reranked one (see below).
 */
export const RERANK_DEPTH = 50;
/** The smallest step between scores as they are returned (see round). */
const SCORE_STEP = 1e-4;
/** Share of BM25F kept by a doc covering none of the query's concepts (idf-weighted); 1 at full cover. */
export const COVERAGE_FLOOR = 0.8;
const MAX_RESULTS = 10_100;

/**
 * Weight of meaning in the rerank: a paper's cosine with the query, times this, times the
 * query's scale (the summed idf of its concepts, about what a paper with every word scores).
 * Chosen on bench/search-quality, where 0.35 to 0.6 all score within 0.01 nDCG of each other.
 */
export const MEANING_WEIGHT = 0.5;

/**
 * What a rerank draws on besides the index (which keeps the papers' vectors by meaning): the
 * store's texts of a few papers, for where the query's words stand in their abstracts.
 */
export interface RerankSources {
  texts: (ids: string[]) => Promise<Map<string, PaperText>>;
}

/** Runs a planned query and returns one page of hits (among the docs `only`, when given). */
export async function rank(index: MemoryIndex, plan: QueryPlan, page: { limit: number; offset: number; only?: Int32Array }, sources: RerankSources): Promise<SearchPage> {
  const acc = accumulate(index, plan.terms, page.only);
  const idfs = plan.concepts.map((c) => (c.id >= 0 ? c.idf : 0));
  const totalIdf = idfs.reduce((a, b) => a + b, 0) || 1;
  const first = new Float32Array(acc.docs.length);
  const excluded = plan.exclude ? docsWith(index, plan.exclude) : undefined;
  // A doc with none of the query's concepts (only its filler, "papers", or the "7" of "7B") is no
  // match when some concept is in the index; a plan without concepts (see closest.ts) keeps all.
  const conceptsOnly = findsConcepts(plan);
  let total = 0;
  for (let i = 0; i < acc.docs.length; i++) {
    const mask = acc.masks[i]!;
    if (excluded?.has(acc.docs[i]!) || (conceptsOnly && mask === 0)) {
      first[i] = -Infinity;
      continue;
    }
    if (mask !== 0) total++;
    let cov = 0;
    for (let m = mask, b = 0; m !== 0; m >>>= 1, b++) if (m & 1) cov += idfs[b]!;
    first[i] = acc.scores[i]! * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * (cov / totalIdf)) * (mask === 0 ? 0.5 : 1);
  }
  const want = Math.min(MAX_RESULTS, Math.max(page.offset + page.limit, RERANK_DEPTH));
  const top = topK(first, want).filter((i) => first[i] !== -Infinity);
  const hits = top.map((i) => ({ doc: acc.docs[i]!, score: first[i]! }));
  const meaning = index.meaning;
  // A lone hit needs no reordering, except under `only`: its score is compared with full searches'.
  // A page past the reranked ones reranks them too, for the score its own are placed below.
  const reorder = hits.length > 1 || (page.only !== undefined && hits.length > 0);
  const queryVector = reorder ? meaning?.queryVector(plan.words) : undefined;
  const proximity = plan.concepts.length >= 2;
  if (reorder && (proximity || queryVector)) {
    const head = hits.slice(0, RERANK_DEPTH);
    const texts = proximity ? await sources.texts(head.map((h) => index.docs.ids[h.doc]!)) : undefined;
    const prefixes = conceptPrefixes(index, plan.concepts);
    for (const h of head) {
      if (texts) {
        const t = titlePositions(index, h.doc, plan.concepts, plan.joins);
        const a = textPositions(index, texts.get(index.docs.ids[h.doc]!)?.abstract ?? '', plan.concepts, prefixes, plan.joins);
        h.score += proximityBonus(plan.concepts, t, a);
      }
      const paperVector = queryVector && index.docs.vector(h.doc);
      if (queryVector && paperVector) h.score += MEANING_WEIGHT * totalIdf * cosineStored(queryVector, paperVector);
    }
    head.sort((x, y) => y.score - x.score || x.doc - y.doc);
    hits.splice(0, head.length, ...head);
    // The rest keep their order and the gaps between their scores, all moved just below the
    // lowest reranked score (meaning can lower a score), so that scores never rise down the list.
    const lowest = head[head.length - 1]!.score;
    const next = hits[head.length];
    if (next && next.score >= lowest) {
      const shift = next.score - lowest + SCORE_STEP;
      for (let i = head.length; i < hits.length; i++) hits[i]!.score -= shift;
    }
  }
  total += firstByTitle(index, plan, hits, acc, page.only);
  const pageHits = hits.slice(page.offset, page.offset + page.limit).map((h) => ({ id: index.docs.ids[h.doc]!, score: round(h.score) }));
  // Docs matching only a very common term were never gathered (see COMMON_SHARE): estimate.
  return { total: page.only ? total : Math.max(total, acc.skippedDf), hits: pageHits };
}

/** Whether any term of the plan marks a concept: its docs are the matches (see rank). */
export function findsConcepts(plan: QueryPlan): boolean {
  return plan.terms.some(marksConcept);
}

/**
 * Papers whose whole title the query is come first, level with the best other hit, whatever
 * words alone made of them (they may not have been found at all: contrast drops words). Returns
 * how many of them the count of matches lacked.
 */
function firstByTitle(index: MemoryIndex, plan: QueryPlan, hits: { doc: number; score: number }[], acc: { docs: Int32Array; masks: Uint32Array }, only?: Int32Array): number {
  const exact = plan.title ? docsTitled(index, plan.title).filter((d) => !only || only.includes(d)) : [];
  if (exact.length === 0) return 0;
  let uncounted = 0;
  const own = new Map<number, number>();
  for (const d of exact) {
    const at = hits.findIndex((h) => h.doc === d);
    if (at >= 0) own.set(d, hits.splice(at, 1)[0]!.score);
    const a = acc.docs.indexOf(d);
    if (a < 0 || acc.masks[a] === 0) uncounted++;
  }
  // They tie with the best other hit rather than beat it: a score also measures how well a paper
  // matches (a digest's topic keeps the papers scoring near the best), and a title is no better match.
  const top = hits[0]?.score ?? 0;
  const first = exact.map((doc) => ({ doc, score: Math.max(top, own.get(doc) ?? 0) }));
  hits.unshift(...first.sort((x, y) => y.score - x.score || x.doc - y.doc));
  return uncounted;
}

/** The docs that have any of these terms. */
function docsWith(index: MemoryIndex, termIds: number[]): Set<number> {
  const out = new Set<number>();
  for (const id of termIds) forEachPosting(index.segments, id, (d) => out.add(d));
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
