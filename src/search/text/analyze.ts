/**
 * Text analysis shared by documents and queries, so both sides always agree on terms: Unicode
 * folding, LaTeX command removal, word splitting with compounds ("key-value", "GPT-4", "fp16"),
 * stopword removal, British-to-American spelling and Porter stemming.
 */
import { stemmer } from 'stemmer';
import { americanize } from './spelling.ts';
import { STOPWORDS } from './stopwords.ts';

/** Kinds of token in a stream. */
export const WORD = 0;
/** A compound's parts written together ("key-value" also yields "keyvalu"); not counted in length. */
export const JOINED = 1;
/** An acronym standing for a phrase found in the text (see synonyms.ts); not counted in length. */
export const SYNONYM = 2;
/** A letters-and-digits word as written ("fp16", "7b"): joined parts of a compound without hyphens. */
export const SOLID = 3;

/** Analyzed text: parallel arrays of term, position and kind. Stopwords leave gaps in positions. */
export interface TokenStream {
  terms: string[];
  positions: number[];
  kinds: number[];
  /** First position a token covers: its own for words, the first part or phrase word otherwise. */
  starts: number[];
  /** Number of WORD tokens: the field length BM25 normalizes by. */
  words: number;
}

const WORD_RE = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
const PART_RE = /\p{L}+|\p{N}+/gu;
/** PART_RE for folded ASCII text, where letters are a-z. */
const ASCII_PART_RE = /[a-z]+|[0-9]+/g;

/** Whether a character code is a lower-case ASCII letter or a digit (NaN past the end: no). */
function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
const SIMPLE = /^[a-z]+$/;
const NON_ASCII = /[\u0080-\uffff]/;
const MAX_JOINED_PARTS = 4;
/** A version number after a name: one or two digits. */
const VERSION = /^[0-9]{1,2}$/;

// Stemming dominates analysis time; words repeat heavily, so remember them (bounded: each
// analysis worker thread has a cache of its own, and the rare tail of words is not worth its memory).
const cache = new Map<string, string>();
const CACHE_LIMIT = 300_000;

/** The index term for one lower-case word or number, or '' for a stopword (no caching). */
export function wordTerm(word: string): string {
  if (STOPWORDS.has(word)) return '';
  if (SIMPLE.test(word)) return word.length < 3 ? word : stemmer(americanize(word));
  return word;
}

/** The index term for one lower-case word or number, or '' for a stopword. */
export function termOf(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const term = wordTerm(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, term);
  return term;
}

/** Folds case and accents and drops LaTeX commands, so "Schrödinger" is "schrodinger". */
export function foldText(text: string, maxChars: number): string {
  let s = text.length > maxChars ? text.slice(0, maxChars) : text;
  // NFKD also splits ligatures and full-width forms; lone surrogates pass through untouched.
  // "4×" is read as "4 times", as it was written before the sign replaced the word (latex-text.ts).
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/×/g, ' times ');
  return s.replace(/\\[a-zA-Z]+/g, ' ').toLowerCase();
}

/**
 * Where tokenize() sends a text's tokens: terms may be strings (queries, TokenStream) or term ids
 * (documents being indexed, see index/doc-analyzer.ts), as long as `lookup` and `push` agree.
 */
export interface TokenSink<T> {
  /** The term of one lower-case word or number, or `none` for a stopword. */
  lookup(word: string): T;
  readonly none: T;
  push(term: T, pos: number, kind: number, start: number): void;
}

/** How tokenize() reads a text. */
export interface TokenizeOptions {
  /**
   * Also a name and its version written apart, joined ("Llama 3" as "llama3"); on by default.
   * Papers' abstracts leave it off: there most "word 3" pairs are no names ("top 10"), and each
   * would be a term of the index.
   */
  versions?: boolean;
}

/**
 * Splits text into tokens for a sink: words in order, each compound's parts then (for two to
 * four parts) the parts joined. Stopwords take a position but give no token. `maxChars` bounds
 * work on hostile input.
 */
export function tokenize<T>(text: string, maxChars: number, sink: TokenSink<T>, opts: TokenizeOptions = {}): void {
  const versions = opts.versions !== false;
  const s = foldText(text, maxChars);
  const none = sink.none;
  let pos = 0;
  // The last word, if it was a plain word with a term: "Llama" before "3" (see below).
  let named = '';
  const word = (token: string, simple: boolean, partRe: RegExp): void => {
    if (simple) {
      const t = sink.lookup(token);
      if (t !== none) sink.push(t, pos, WORD, pos);
      named = t !== none && token.length > 1 ? token : '';
      pos++;
      return;
    }
    // A name and its version written apart ("Llama 3", "SAM 2") also as written together, as
    // "LLaMA-3" and "llama3" are.
    if (versions && named && VERSION.test(token)) {
      const t = sink.lookup(token);
      if (t !== none) sink.push(t, pos, WORD, pos);
      const joined = sink.lookup(named + token);
      if (joined !== none) sink.push(joined, pos, JOINED, pos - 1);
      named = '';
      pos++;
      return;
    }
    named = '';
    const parts = token.match(partRe) ?? [];
    const first = pos;
    for (const part of parts) {
      const t = sink.lookup(part);
      if (t !== none) sink.push(t, pos, WORD, pos);
      pos++;
    }
    if (parts.length > 1 && parts.length <= MAX_JOINED_PARTS) {
      const joined = parts.join('');
      const t = sink.lookup(joined);
      if (t !== none) sink.push(t, pos - 1, token.length === joined.length ? SOLID : JOINED, first);
    }
    if (token.length !== parts.join('').length) solidSegments(token, first);
  };
  // A compound's letters-and-digits segments as written alone ("r1" of "DeepSeek-R1", "8b" of
  // "Llama-3-8B"), so that the name typed with a space finds them as "R1" typed alone does.
  const solidSegments = (token: string, first: number): void => {
    let at = first;
    for (const segment of token.split(/[-\u2010\u2011]/)) {
      const n = segment.match(PART_RE)?.length ?? 0;
      if (n > 1 && n <= MAX_JOINED_PARTS) {
        const t = sink.lookup(segment);
        if (t !== none) sink.push(t, at + n - 1, SOLID, at);
      }
      at += n;
    }
  };
  if (NON_ASCII.test(s)) {
    for (const m of s.matchAll(WORD_RE)) word(m[0], SIMPLE.test(m[0]), PART_RE);
    return;
  }
  // Plain ASCII (nearly all text once folded): the same tokens as WORD_RE, found by a scan over
  // character codes, several times faster than a Unicode-aware regex.
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isAlnum(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let simple = true;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c >= 97 && c <= 122) i++;
      else if (c >= 48 && c <= 57) {
        simple = false;
        i++;
      } else if (c === 45 && isAlnum(s.charCodeAt(i + 1))) {
        simple = false;
        i++;
      } else break;
    }
    word(s.slice(start, i), simple, ASCII_PART_RE);
  }
}

/**
 * Analyzes text into index terms. `maxChars` bounds work on hostile input. `prefixes`, when
 * given, skips the (costly) term look-up of any word whose first two characters are not in it:
 * such words become '\u0000' placeholders, so positions and phrase matching stay exact.
 */
export function analyze(text: string, maxChars = 100_000, prefixes?: ReadonlySet<string>, opts?: TokenizeOptions): TokenStream {
  const out: TokenStream = { terms: [], positions: [], kinds: [], starts: [], words: 0 };
  const lookup = prefixes ? (w: string): string => (prefixes.has(w.slice(0, 2)) ? termOf(w) : '\u0000') : termOf;
  tokenize(text, maxChars, { lookup, none: '', push: (t, p, k, st) => push(out, t, p, k, st) }, opts);
  return out;
}

/** Appends one token to a stream. */
export function push(out: TokenStream, term: string, pos: number, kind: number, start: number): void {
  out.terms.push(term);
  out.positions.push(pos);
  out.kinds.push(kind);
  out.starts.push(start);
  if (kind === WORD) out.words++;
}

/** The single term a short word stands for ("LLMs" is "llm", "3DGS" is "3dgs"), or ''. */
export function singleTerm(word: string): string {
  const s = analyze(word, 100);
  const joined = s.kinds.findIndex((k) => k === JOINED || k === SOLID);
  if (joined >= 0) return s.terms[joined]!;
  return s.words === 1 ? s.terms[0]! : '';
}
