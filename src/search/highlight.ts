/**
 * Which words of a result's text answer a query, for a search page to mark: a word whose term is
 * one of the query's (stemmed as the index stems, so "models" marks "model"), or a word of the
 * phrase an acronym of the query stands for ("LLM" marks "large language models"). Filler
 * ("papers about") marks nothing.
 */
import type { MemoryIndex } from './index/memory-index.ts';
import { planQuery } from './query.ts';
import { foldText, termOf } from './text/analyze.ts';

/** Query words weighing less than this (filler, the parts of "7B") are not marked. */
const MIN_WEIGHT = 0.7;

/** A test of one word of text, or undefined when the query has nothing to mark. */
export function highlighter(query: string, index: MemoryIndex): ((word: string) => boolean) | undefined {
  const plan = planQuery(query, index);
  const terms = new Set<string>();
  for (const w of plan.words) {
    if (w.weight < MIN_WEIGHT) continue;
    terms.add(w.term);
    for (const phrase of index.synonyms.expansionsOf(w.term)) for (const t of phrase) terms.add(t);
  }
  if (terms.size === 0) return undefined;
  return (word) => terms.has(termOf(foldText(word, 100)));
}
