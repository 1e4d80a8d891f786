/**
 * "Did you mean": a misspelled word of a query ("difusion", "atention", "transfromer") is one no
 * paper has, or almost none, and no English word, one edit (a letter left out, added, changed, or
 * two swapped) away from a word many papers have. The suggestion is the query with each such word
 * replaced; the search itself runs on what was typed (searchPapers runs the suggestion instead
 * when nothing matches what was typed).
 */
import type { MemoryIndex } from './index/memory-index.ts';
import { wordTerm } from './text/analyze.ts';
import { isEnglishWord } from './text/english-words.ts';

/** Words shorter than this are too often names or acronyms to correct. */
const MIN_LENGTH = 4;
/** A correction is a word at least this many papers have... */
const MIN_DF = 2;
/** ...and, when papers do have the typed word, this many times as many. */
const MORE_COMMON = 50;
/** How many times the papers a less likely edit needs to win over a likely one (see correction). */
const LESS_LIKELY = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Longest query looked at: a correction is for what people type, not for pasted pages. */
const MAX_CHARS = 300;

/** The query with its misspelled words corrected, or undefined when none is. */
export function suggestQuery(text: string, index: MemoryIndex): string | undefined {
  if (typeof text !== 'string' || text.length > MAX_CHARS) return undefined;
  let changed = false;
  const out = text.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    // A stopword ("with", "from") is in no index, yet no misspelling.
    if (lower.length < MIN_LENGTH || !/^[a-z]+$/.test(lower) || !wordTerm(lower)) return word;
    const better = correction(lower, index);
    if (!better) return word;
    changed = true;
    return word[0] === word[0]!.toUpperCase() ? better[0]!.toUpperCase() + better.slice(1) : better;
  });
  return changed ? out : undefined;
}

/**
 * The most common word one edit away from `word`, when `word` itself is missing or rare and is no
 * English word ("matting" and "song" are spelled as meant, whether or not papers here have them).
 * Words are counted by their index term, which a made-up spelling can share with a common word
 * ("agention" stems to "agent"): a correction is an English word, or a term's spelling reached
 * by a likely slip ("tokenizr" is "tokenizer"); a less likely one needs LESS_LIKELY times the
 * papers to win, so "atention" is "attention".
 */
function correction(word: string, index: MemoryIndex): string | undefined {
  const own = dfOf(word, index);
  if (own >= MIN_DF || isEnglishWord(word)) return undefined;
  const need = Math.max(MIN_DF, own * MORE_COMMON);
  let best: string | undefined;
  let bestScore = 0;
  for (const { candidate, likely } of oneEditAway(word)) {
    const df = dfOf(candidate, index);
    if (df < need) continue;
    const score = likely ? df : df / LESS_LIKELY;
    if (score > bestScore && (likely || isEnglishWord(candidate))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function dfOf(word: string, index: MemoryIndex): number {
  const term = wordTerm(word);
  return term ? (index.df[index.termId(term)] ?? 0) : 0;
}

/**
 * Every word one edit away, the commonest slips of typing first: two letters swapped, then one
 * left out (a letter added here), both `likely` but at the first letter, which people seldom get
 * wrong; then one changed, or typed twice or by mistake (one dropped here). Of two spellings of
 * one term the first wins: "models" (swapped) over "modeles" for "modles", and "speculative"
 * (left out) over "speculate" for "speculatve".
 */
function* oneEditAway(word: string): Generator<{ candidate: string; likely: boolean }> {
  const n = word.length;
  for (let i = 0; i + 1 < n; i++) yield { candidate: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), likely: i > 0 };
  for (let i = 0; i <= n; i++) for (const c of LETTERS) yield { candidate: word.slice(0, i) + c + word.slice(i), likely: i > 0 };
  for (let i = 0; i < n; i++) for (const c of LETTERS) if (c !== word[i]) yield { candidate: word.slice(0, i) + c + word.slice(i + 1), likely: false };
  for (let i = 0; i < n; i++) yield { candidate: word.slice(0, i) + word.slice(i + 1), likely: false };
}
