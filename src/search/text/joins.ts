/**
 * Words a query spells apart that papers write as one: "flash attention" for FlashAttention,
 * "deep seek" for DeepSeek, "multi modal" for multimodal, and a person's full name, which the
 * index also keeps joined ("Song Han" is the author token "@songhan", see doc-analyzer.ts). Two or
 * three adjacent words whose joined form is a term papers have become one more term of the query,
 * an alternative spelling of those words: a paper with either covers them (see query.ts).
 */
import { termOf, tokenize, WORD } from './analyze.ts';

/**
 * A joined form must be this common next to its words' own use: papers that write "DeepSeek"
 * (251 in the bundled sample, against 162 "seek") or "FlashAttention" (33, against 105 "flash")
 * spell the name so, while the 2 papers of "EfficientLLM" say nothing about "efficient LLM".
 */
const MIN_SHARE = 0.15;
const MIN_DF = 2;
const MAX_WORDS = 3;
/** Marks a name's joined token, so that it never meets a word's ("@songhan", see nameToken). */
const NAME = '@';

/** A run of query words, from position `start` to `end`, that papers also write as the one term `term`. */
export interface Join {
  term: string;
  start: number;
  end: number;
}

/** The joined runs of a query that papers know (`df` gives a term's document frequency). */
export function findJoins(text: string, maxChars: number, df: (term: string) => number): Join[] {
  // The words as typed, by position: joins are of words, not of their stems.
  const words: string[] = [];
  tokenize(text, maxChars, { lookup: (w) => w, none: '', push: (w, pos, kind) => kind === WORD && (words[pos] = w) });
  const out: Join[] = [];
  const seen = new Set<string>();
  const add = (term: string, start: number, end: number): void => {
    seen.add(term);
    out.push({ term, start, end });
  };
  // A stopword ("speed up") has no frequency of its own to compare with.
  const dfOf = (word: string): number => {
    const t = termOf(word);
    return t ? df(t) : Infinity;
  };
  for (let p = 0; p < words.length; p++) {
    let joined = words[p];
    if (joined === undefined || !LETTERS.test(joined)) continue;
    let rarest = dfOf(joined);
    for (let n = 2; n <= MAX_WORDS; n++) {
      const next = words[p + n - 1];
      if (next === undefined || !LETTERS.test(next)) break;
      joined += next;
      rarest = Math.min(rarest, dfOf(next));
      const name = NAME + joined;
      if (!seen.has(name) && df(name) > 0) add(name, p, p + n - 1);
      const term = termOf(joined);
      const count = term && !seen.has(term) ? df(term) : 0;
      if (count >= MIN_DF && count >= MIN_SHARE * rarest) add(term, p, p + n - 1);
    }
  }
  return out;
}

const LETTERS = /^\p{L}+$/u;

/** Whether a term is a name's joined token (see nameToken). */
export function isNameToken(term: string): boolean {
  return term.startsWith(NAME);
}

/** The token a person's name is also indexed as: its words joined, marked as a name ("Song Han" is "@songhan"), or ''. */
export function nameToken(name: string): string {
  const words: string[] = [];
  tokenize(name, 200, { lookup: (w) => w, none: '', push: (w, _pos, kind) => kind === WORD && words.push(w) });
  return words.length >= 2 && words.length <= MAX_WORDS && words.every((w) => LETTERS.test(w)) ? NAME + words.join('') : '';
}
