/**
 * Contrast in a typed query: "LLM inference on CPUs instead of GPUs", "GPU computing outside deep
 * learning". The words after "instead of", "rather than", "other than", "apart from", "outside",
 * "except", "excluding" or "not", up to the end of their clause, name what the searcher does not
 * want; a bag of words would rank them like the rest. So does a word typed with a minus in front
 * ("diffusion -video"). This finds their positions (and the marker's), numbered as analyze()
 * numbers them.
 */
import { tokenize, WORD } from './text/analyze.ts';

const ONE_WORD = new Set(['outside', 'except', 'excluding', 'not']);
const TWO_WORDS = new Set(['instead of', 'rather than', 'other than', 'apart from']);
/** Punctuation ends a clause (and a contrast); it never joins two words, so positions stay aligned. */
const CLAUSE_END = /[,;:.!?()[\]]/;

/**
 * A word typed with a minus in front ("diffusion -video"), as search engines read it; a number
 * with one ("-1 bit") is a number.
 */
const MINUS = /^[-\u2212]+\p{L}/u;

/** What a query sets aside, as positions numbered as analyze(text, maxChars) numbers them. */
export interface Contrast {
  /** Contrast markers and the words they govern, minus words included: they leave the plan. */
  all: Set<number>;
  /** Words typed with a minus: papers that have them leave the results. */
  minus: Set<number>;
}

/** The contrast of a query (see Contrast). */
export function contrastOf(text: string, maxChars: number): Contrast {
  const all = new Set<number>();
  const minus = new Set<number>();
  let base = 0;
  for (const clause of text.slice(0, maxChars).split(CLAUSE_END)) {
    const words: string[] = [];
    // Word by word of the clause (tokens never span white space, so positions add up the same).
    let at = 0;
    for (const chunk of clause.split(/\s+/)) {
      const before = at;
      tokenize(chunk, maxChars, { lookup: (w) => w, none: '', push: (w, pos, kind) => kind === WORD && (words[(at = before + pos + 1) - 1] = w) });
      if (!MINUS.test(chunk)) continue;
      for (let p = before; p < at; p++) {
        minus.add(base + p);
        all.add(base + p);
      }
    }
    for (let i = 0; i < words.length; i++) {
      const from = ONE_WORD.has(words[i]!) ? i + 1 : TWO_WORDS.has(`${words[i]} ${words[i + 1]}`) ? i + 2 : -1;
      if (from < 0) continue;
      // The marker too: "instead" or "outside" is no topic either.
      for (let p = i; p < words.length; p++) all.add(base + p);
      break;
    }
    base += words.length;
  }
  return { all, minus };
}
