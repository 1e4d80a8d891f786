/**
 * Turns free text into a weighted query plan. Topic words weigh 1; query filler ("papers about")
 * weighs little; an acronym stands for its phrase (the phrase's words then only break ties);
 * joined compounds ("keyvalue") add a small bonus. Main terms (weight 1) are the query's
 * concepts: coverage and proximity are measured over them. Any input is safe.
 */
import { contrastPositions } from './contrast.ts';
import { analyze, JOINED, SOLID, SYNONYM, termOf, WORD } from './text/analyze.ts';
import { QUERY_FILLER } from './text/stopwords.ts';
import type { MemoryIndex } from './index/memory-index.ts';
import type { WeightedTerm } from './index/score.ts';
import type { WeightedWord } from './semantic/meaning.ts';

/** Longest query text analyzed, and most terms kept: bounds the work any input can cause. */
export const MAX_QUERY_CHARS = 4000;
export const MAX_QUERY_TERMS = 64;
const MAX_CONCEPTS = 32;

const FILLER_WEIGHT = 0.2;
// The words of a phrase an acronym stands for stay concepts: papers rarely use both forms, and
// the eval set scores this best (SPANNED_MAIN off costs 0.004 nDCG).
const SPANNED_WEIGHT = 0.7;
const SPANNED_MAIN = true;
const JOINED_WEIGHT = 0.35;
const SOLID_PART_WEIGHT = 0.1;

/** A main query term, in query order, for coverage and proximity. */
export interface Concept {
  term: string;
  id: number;
  pos: number;
  idf: number;
}

/** What the scorer and reranker need to know about a query. */
export interface QueryPlan {
  terms: WeightedTerm[];
  /** Main terms in query order; bit i of a doc's mask is concepts[i]. */
  concepts: Concept[];
  /** Every term with its weight, also those no document has: what the query means. */
  words: WeightedWord[];
}

const FILLER = new Set([...QUERY_FILLER].map(termOf).filter(Boolean));

/** Plans a query against an index (unknown terms are kept: they still count against coverage). */
export function planQuery(text: string, index: MemoryIndex): QueryPlan {
  const raw = String(text ?? '');
  const s = index.synonyms.inject(truncate(analyze(raw, MAX_QUERY_CHARS)));
  // What the query says it does not want leaves the plan, unless nothing else would be left.
  const contrast = contrastPositions(raw, MAX_QUERY_CHARS);
  if (contrast.size > 0) {
    const keep = s.terms.map((_, i) => !contrast.has(s.positions[i]!) && !contrast.has(s.starts[i]!));
    if (keep.some((k, i) => k && s.kinds[i] === WORD)) {
      const kept = <T>(a: T[]): T[] => a.filter((_, i) => keep[i]);
      [s.terms, s.positions, s.kinds, s.starts] = [kept(s.terms), kept(s.positions), kept(s.kinds), kept(s.starts)];
    }
  }
  // Words inside an acronym's phrase or compound: the acronym stands for them.
  const spans: { start: number; end: number; solid: boolean }[] = [];
  for (let i = 0; i < s.terms.length; i++) {
    const k = s.kinds[i];
    const acronymish = k === SYNONYM || k === SOLID || (k === JOINED && index.synonyms.isAcronym(s.terms[i]!));
    if (acronymish) spans.push({ start: s.starts[i]!, end: s.positions[i]!, solid: k === SOLID });
  }
  const weights = new Map<string, { weight: number; pos: number; main: boolean }>();
  const set = (term: string, weight: number, pos: number, main = weight >= 1): void => {
    const prev = weights.get(term);
    if (!prev || prev.weight < weight || (prev.weight === weight && main && !prev.main)) {
      weights.set(term, { weight, pos: prev ? Math.min(prev.pos, pos) : pos, main: main || (prev?.main ?? false) });
    }
  };
  const covering = (pos: number) => spans.find((sp) => pos >= sp.start && pos <= sp.end);
  for (let i = 0; i < s.terms.length; i++) {
    const term = s.terms[i]!;
    const pos = s.positions[i]!;
    const kind = s.kinds[i];
    if (kind === SYNONYM) set(term, nested(spans, s.starts[i]!, pos) ? SPANNED_WEIGHT : 1, pos, !nested(spans, s.starts[i]!, pos));
    else if (kind === SOLID) set(term, 1, pos);
    else if (kind === JOINED) set(term, index.synonyms.isAcronym(term) ? 1 : JOINED_WEIGHT, pos);
    else if (kind === WORD) {
      const span = covering(pos);
      // "7" and "b" of "7B" mean little alone; the words of "large language model" still do.
      if (span?.solid) set(term, SOLID_PART_WEIGHT, pos, false);
      else if (span) set(term, SPANNED_WEIGHT, pos, SPANNED_MAIN);
      else set(term, FILLER.has(term) ? FILLER_WEIGHT : 1, pos);
    }
  }
  // A query of filler only ("recent papers") is about its filler.
  if (![...weights.values()].some((w) => w.main)) {
    for (const w of weights.values()) {
      w.weight = 1;
      w.main = true;
    }
  }
  const ordered = [...weights].sort((a, b) => a[1].pos - b[1].pos);
  const concepts: Concept[] = [];
  const terms: WeightedTerm[] = [];
  for (const [term, { weight, pos, main: isMain }] of ordered) {
    const id = index.termId(term);
    const main = isMain && concepts.length < MAX_CONCEPTS;
    if (main) concepts.push({ term, id, pos, idf: index.idf(id) });
    if (id >= 0) terms.push({ id, weight, bit: main ? concepts.length - 1 : -1 });
  }
  return { terms, concepts, words: ordered.map(([term, { weight }]) => ({ term, weight })) };
}

// Caps the stream at MAX_QUERY_TERMS words (with the tokens that belong to them).
function truncate(s: ReturnType<typeof analyze>): ReturnType<typeof analyze> {
  if (s.words <= MAX_QUERY_TERMS) return s;
  let words = 0;
  let cut = s.terms.length;
  for (let i = 0; i < s.terms.length; i++) {
    if (s.kinds[i] === WORD && ++words > MAX_QUERY_TERMS) {
      cut = i;
      break;
    }
  }
  return {
    terms: s.terms.slice(0, cut),
    positions: s.positions.slice(0, cut),
    kinds: s.kinds.slice(0, cut),
    starts: s.starts.slice(0, cut),
    words: MAX_QUERY_TERMS,
  };
}

// An acronym phrase inside a longer one ("language model" in "large language model") is a detail
// of the longer one, not a concept of its own: otherwise "LLM" papers would miss half the query.
function nested(spans: { start: number; end: number }[], start: number, end: number): boolean {
  return spans.some((sp) => sp.start <= start && sp.end >= end && sp.end - sp.start > end - start);
}
