/**
 * Turns free text into a weighted query plan. Topic words weigh 1; query filler ("papers about")
 * weighs little; an acronym stands for its phrase (the phrase's words then only break ties);
 * joined compounds ("keyvalue") add a small bonus. Main terms (weight 1) are the query's
 * concepts: coverage and proximity are measured over them. Any input is safe.
 */
import { contrastOf } from './contrast.ts';
import { findJoins, isNameToken } from './text/joins.ts';
import { analyze, JOINED, SOLID, SYNONYM, termOf, WORD } from './text/analyze.ts';
import { QUERY_FILLER } from './text/stopwords.ts';
import type { MemoryIndex } from './index/memory-index.ts';
import type { WeightedTerm } from './index/score.ts';
import type { TitleTokens } from './index/title-match.ts';
import type { WeightedWord } from './semantic/meaning.ts';

/** Longest query text analyzed, and most terms kept: bounds the work any input can cause. */
export const MAX_QUERY_CHARS = 4000;
export const MAX_QUERY_TERMS = 64;
const MAX_CONCEPTS = 32;

const FILLER_WEIGHT = 0.2;
// The words of a phrase an acronym stands for stay concepts: papers rarely use both forms, and
// the eval set scores this best (SPANNED_MAIN off costs 0.004 nDCG). Together they weigh about
// as much as the acronym: a phrase is one topic of the query, and "large language model" at
// full weight outweighed "single GPU" in "large language model serving on a single GPU"
// (0.3 to 0.4 score alike on bench/search-quality; 0.7 before ranking by meaning came).
const SPANNED_WEIGHT = 0.35;
const SPANNED_MAIN = true;
const JOINED_WEIGHT = 0.35;
const SOLID_PART_WEIGHT = 0.1;
const JOIN_WEIGHT = 1;
/** A full name typed is that person: their papers before those that only share a word. */
const NAME_BOOST = 2;

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
  /** Terms of words typed with a minus: papers having any of them are no results. */
  exclude?: number[];
  /** The query's tokens as a title (term ids at positions), when it could be one: two words or more, all known. */
  title?: TitleTokens;
  /**
   * Joined spellings papers use at least as often as the rarer of their words alone ("deepseek"
   * for "deep seek"): names, so a paper writing one has those concepts side by side.
   */
  joins?: Joined[];
}

/** A joined spelling papers use for adjacent main terms of a query, and those terms in order. */
export interface Joined {
  term: string;
  id: number;
  /** The concepts it spells, each with its word's offset from the first. */
  concepts: { term: string; offset: number }[];
}

const FILLER = new Set([...QUERY_FILLER].map(termOf).filter(Boolean));

/** Plans a query against an index (unknown terms are kept: they still count against coverage). */
export function planQuery(text: string, index: MemoryIndex): QueryPlan {
  const raw = String(text ?? '');
  const s = index.synonyms.inject(truncate(analyze(raw, MAX_QUERY_CHARS)));
  const title = asTitle(s, index);
  // What the query says it does not want leaves the plan, unless nothing else would be left.
  const aside = contrastOf(raw, MAX_QUERY_CHARS);
  let contrast = aside.all;
  // Papers with a word typed with a minus are left out, whatever else the query keeps.
  let exclude = minusTerms(s, aside.minus, index);
  if (contrast.size > 0) {
    const keep = s.terms.map((_, i) => !contrast.has(s.positions[i]!) && !contrast.has(s.starts[i]!));
    if (keep.some((k, i) => k && s.kinds[i] === WORD)) {
      const kept = <T>(a: T[]): T[] => a.filter((_, i) => keep[i]);
      [s.terms, s.positions, s.kinds, s.starts] = [kept(s.terms), kept(s.positions), kept(s.kinds), kept(s.starts)];
    } else {
      contrast = new Set();
      exclude = [];
    }
  }
  // Words inside an acronym's phrase or compound: the acronym stands for them.
  const spans: { start: number; end: number; solid: boolean }[] = [];
  for (let i = 0; i < s.terms.length; i++) {
    const k = s.kinds[i];
    const acronymish = k === SYNONYM || (k === SOLID && !partsStand(s, i, index)) || (k === JOINED && index.synonyms.isAcronym(s.terms[i]!));
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
    else if (kind === SOLID) {
      const parts = partsStand(s, i, index);
      set(term, parts ? SOLID_PART_WEIGHT : 1, pos, !parts);
    }
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
  // Joined spellings of adjacent words ("flash attention" as FlashAttention, "Song Han" as an author).
  const wordAt = new Map<number, string>();
  s.terms.forEach((t, i) => s.kinds[i] === WORD && wordAt.set(s.positions[i]!, t));
  const joins = joinTerms(raw, index, concepts, (t) => weights.get(t)?.main === true, contrast, wordAt);
  // A compound's joined form the query already has ("multi-modal"): the join takes its place, so
  // its postings are read once.
  for (const j of joins.terms) {
    const at = terms.findIndex((t) => t.id === j.id);
    if (at >= 0) terms.splice(at, 1);
  }
  terms.push(...joins.terms);
  // A person's name is no topic: its words say nothing of what the papers are about.
  const topical = ordered.filter(([, w]) => !joins.named.has(w.pos));
  const spelled = joins.spelled.length > 0 ? { joins: joins.spelled } : {};
  return { terms, concepts, words: topical.map(([term, { weight }]) => ({ term, weight })), ...spelled, ...(title && { title }), ...(exclude.length > 0 && { exclude }) };
}

/** Terms for the joined runs of a query papers know, the positions of the words of names among them, and the runs that are names of things. */
function joinTerms(raw: string, index: MemoryIndex, concepts: Concept[], isMain: (term: string) => boolean, contrast: Set<number>, words: Map<number, string>): { terms: WeightedTerm[]; named: Set<number>; spelled: Joined[] } {
  const terms: WeightedTerm[] = [];
  const named = new Set<number>();
  const spelled: Joined[] = [];
  for (const j of findJoins(raw, MAX_QUERY_CHARS, (t) => index.df[index.termId(t)] ?? 0)) {
    const id = index.termId(j.term);
    if (id < 0 || isMain(j.term) || [...contrast].some((p) => p >= j.start && p <= j.end)) continue;
    let also = 0;
    let idf = 0;
    const spans: { term: string; offset: number }[] = [];
    let rarest = Infinity;
    concepts.forEach((c, b) => {
      if (c.pos < j.start || c.pos > j.end) return;
      also |= 1 << b;
      idf += c.id >= 0 ? c.idf : 0;
      spans.push({ term: c.term, offset: c.pos - j.start });
    });
    for (let p = j.start; p <= j.end; p++) {
      const w = words.get(p);
      if (w !== undefined) rarest = Math.min(rarest, index.df[index.termId(w)] ?? 0);
    }
    // As much as the words it spells would weigh together. A spelling only stands in for words a
    // paper lacks; a person's name is evidence of its own, beyond the words in an author list.
    const weight = Math.max(JOIN_WEIGHT, idf / index.idf(id));
    if (!isNameToken(j.term)) {
      terms.push({ id, weight, bit: -1, also });
      // Rarer than its words apart ("finetuning" beside "fine-tuning"), a spelling is only a spelling.
      if (spans.length >= 2 && index.df[id]! >= rarest) spelled.push({ term: j.term, id, concepts: spans });
      continue;
    }
    terms.push({ id, weight: NAME_BOOST * weight, bit: -1 });
    for (let p = j.start; p <= j.end; p++) named.add(p);
  }
  return { terms, named, spelled };
}

// The whole query as a paper title would be indexed, before contrast or filler change anything:
// "LLMs Do Not Think Step-by-step" is a title, not a wish to leave thinking out.
function asTitle(s: ReturnType<typeof analyze>, index: MemoryIndex): TitleTokens | undefined {
  if (s.words < 2) return undefined;
  const terms = s.terms.map((t) => index.termId(t));
  return terms.every((id) => id >= 0) ? { terms, positions: s.positions } : undefined;
}

// A solid no paper has whose name part papers do have ("llama3", and "Llama" is known) stands
// for its parts: "Llama 3" is that model.
function partsStand(s: ReturnType<typeof analyze>, i: number, index: MemoryIndex): boolean {
  if (index.termId(s.terms[i]!) >= 0) return false;
  for (let j = 0; j < i; j++) {
    if (s.kinds[j] === WORD && s.positions[j]! >= s.starts[i]! && s.positions[j]! <= s.positions[i]! && /\p{L}{2}/u.test(s.terms[j]!) && index.termId(s.terms[j]!) >= 0) return true;
  }
  return false;
}

// Terms of the words typed with a minus: a compound ("-3D-aware") as a whole, not its parts.
function minusTerms(s: ReturnType<typeof analyze>, minus: Set<number>, index: MemoryIndex): number[] {
  const at = s.terms.map((_, i) => i).filter((i) => minus.has(s.positions[i]!) && minus.has(s.starts[i]!));
  const covered = new Set<number>();
  for (const i of at) if (s.kinds[i] !== WORD) for (let p = s.starts[i]!; p <= s.positions[i]!; p++) covered.add(p);
  const ids = at.filter((i) => s.kinds[i] !== WORD || !covered.has(s.positions[i]!)).map((i) => index.termId(s.terms[i]!));
  return [...new Set(ids)].filter((id) => id >= 0);
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
