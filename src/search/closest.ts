/**
 * The search for a query none of whose words any paper has ("teleoperation" in a store without
 * that word): the words nearest the query in meaning that papers do have ("dexterous", "robot",
 * "bimanual") are searched instead, each counting by its similarity, and only papers whose own
 * vector is close to the query's are kept. A query about a topic the store lacks ("protein
 * folding" among ML papers) still finds nothing rather than noise.
 */
import type { MemoryIndex } from './index/memory-index.ts';
import type { QueryPlan } from './query.ts';
import { MEANING_WEIGHT, rank } from './ranking.ts';
import { cosineStored } from './semantic/meaning.ts';
import type { SearchHit, SearchPage } from './types.ts';

/** Words searched instead of the query's, and how near (cosine) each must be. */
const NEAREST_WORDS = 5;
const NEAREST_MIN_SIMILARITY = 0.75;
/** Papers considered, and how near (cosine of the two vectors) a paper must be to the query. */
const CANDIDATES = 100;
const PAPER_MIN_SIMILARITY = 0.25;

const EMPTY: SearchPage = { total: 0, hits: [] };

/** One page of the papers closest in meaning to a query that has no known word. */
export async function closestInMeaning(index: MemoryIndex, plan: QueryPlan, page: { limit: number; offset: number }): Promise<SearchPage> {
  const meaning = index.meaning;
  const query = meaning?.queryVector(plan.words);
  if (!meaning || !query) return EMPTY;
  const near = meaning.nearestWords(query, NEAREST_WORDS, NEAREST_MIN_SIMILARITY, (term) => index.termId(term) >= 0);
  const terms = near.map((w) => ({ id: index.termId(w.term), weight: w.similarity, bit: -1 }));
  if (terms.length === 0) return EMPTY;
  // Ranked by the near words alone; then only the papers close to the query are kept, reranked
  // by that closeness as an ordinary search's best are.
  const ranked = await rank(index, { terms, concepts: [], words: [] }, { limit: CANDIDATES, offset: 0 }, { texts: async () => new Map() });
  const close: SearchHit[] = [];
  for (const h of ranked.hits) {
    const doc = index.docs.docOf(h.id);
    const v = doc === undefined ? undefined : index.docs.vector(doc);
    const similarity = v ? cosineStored(query, v) : -1;
    if (similarity >= PAPER_MIN_SIMILARITY) close.push({ id: h.id, score: Math.round((h.score + MEANING_WEIGHT * similarity) * 1e4) / 1e4 });
  }
  if (close.length === 0) return EMPTY;
  close.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { total: close.length, hits: close.slice(page.offset, page.offset + page.limit), byMeaning: true };
}
