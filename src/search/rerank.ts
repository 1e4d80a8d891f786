/**
 * Second-stage ranking of the best first-stage candidates: rewards query concepts that appear
 * next to each other, in query order, in the title (from the index) or the abstract (fetched
 * from the store for just these candidates). "speculative decoding" written as a phrase beats
 * the two words scattered over an abstract. A name papers write joined ("DeepSeek") counts as
 * the query's words typed apart ("deep seek") side by side.
 */
import type { MemoryIndex } from './index/memory-index.ts';
import type { Concept, Joined } from './query.ts';

/** How much an adjacent concept pair adds, in units of the pair's mean idf. */
export const PROXIMITY = { title: 0.4, abstract: 0.25, near: 0.1, window: 5 } as const;

type Positions = Map<string, number[]>;

/** Proximity bonus of one document for a query's concepts. */
export function proximityBonus(concepts: Concept[], title: Positions, abstract: Positions): number {
  let bonus = 0;
  for (let i = 0; i + 1 < concepts.length; i++) {
    const a = concepts[i]!;
    const b = concepts[i + 1]!;
    if (a.pos === b.pos) continue;
    const mean = (a.idf + b.idf) / 2;
    const t = closeness(title.get(a.term), title.get(b.term), 2);
    const x = closeness(abstract.get(a.term), abstract.get(b.term), PROXIMITY.window);
    let best = t > 0 ? PROXIMITY.title * t : 0;
    if (x > 0) best = Math.max(best, x >= 0.5 ? PROXIMITY.abstract * x : PROXIMITY.near);
    bonus += best * mean;
  }
  return bonus;
}

// 1 when b directly follows a; less across a gap or in reverse order; 0 beyond `window`.
function closeness(pa: number[] | undefined, pb: number[] | undefined, window: number): number {
  if (!pa || !pb) return 0;
  let best = 0;
  for (const x of pa) {
    for (const y of pb) {
      const d = y - x;
      let c = 0;
      if (d === 1) c = 1;
      else if (d === 2) c = 0.7;
      else if (d === -1 || d === -2) c = 0.5;
      else if (Math.abs(d) <= window && d !== 0) c = 0.2;
      if (c > best) best = c;
    }
  }
  return best;
}

/** Positions of the concepts' terms in a doc's indexed title (a joined spelling puts its concepts side by side). */
export function titlePositions(index: MemoryIndex, doc: number, concepts: Concept[], joins: readonly Joined[] = []): Positions {
  const { terms, positions } = index.docs.title(doc);
  const out: Positions = new Map();
  for (let i = 0; i < terms.length; i++) {
    for (const c of concepts) if (c.id === terms[i]) at(out, c.term, positions[i]!);
    for (const j of joins) if (j.id === terms[i]) for (const c of j.concepts) at(out, c.term, positions[i]! + c.offset);
  }
  return out;
}

function at(out: Positions, term: string, pos: number): void {
  const list = out.get(term) ?? [];
  list.push(pos);
  out.set(term, list);
}

/**
 * First two characters of every word that can produce a concept's term: the term itself (stems
 * keep a word's start) and the words of the phrases an acronym concept stands for.
 */
export function conceptPrefixes(index: MemoryIndex, concepts: Concept[]): Set<string> {
  const out = new Set<string>();
  for (const c of concepts) {
    out.add(c.term.slice(0, 2));
    for (const phrase of index.synonyms.expansionsOf(c.term)) for (const t of phrase) out.add(t.slice(0, 2));
  }
  return out;
}

/** Positions of the concepts' terms in an abstract, analyzed as documents are (a joined spelling as in titlePositions). */
export function textPositions(index: MemoryIndex, text: string, concepts: Concept[], prefixes?: Set<string>, joins: readonly Joined[] = []): Positions {
  const wanted = new Set(concepts.map((c) => c.term));
  const joined = new Map(joins.map((j) => [j.term, j.concepts]));
  const s = index.analyzeText(text, prefixes ?? conceptPrefixes(index, concepts));
  const out: Positions = new Map();
  for (let i = 0; i < s.terms.length; i++) {
    const term = s.terms[i]!;
    if (wanted.has(term)) at(out, term, s.positions[i]!);
    for (const c of joined.get(term) ?? []) at(out, c.term, s.positions[i]! + c.offset);
  }
  return out;
}
