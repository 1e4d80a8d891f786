/**
 * Contrast in a typed query: "LLM inference on CPUs instead of GPUs", "GPU computing outside deep
 * learning". The words after "instead of", "rather than", "other than", "apart from", "outside",
 * "except", "excluding" or "not", up to the end of their clause, name what the searcher does not
 * want; a bag of words would rank them like the rest. This finds their positions (and the
 * marker's), numbered as analyze() numbers them.
 */
import { tokenize, WORD } from './text/analyze.ts';

const ONE_WORD = new Set(['outside', 'except', 'excluding', 'not']);
const TWO_WORDS = new Set(['instead of', 'rather than', 'other than', 'apart from']);
/** Punctuation ends a clause (and a contrast); it never joins two words, so positions stay aligned. */
const CLAUSE_END = /[,;:.!?()[\]]/;

/** Positions (as analyze(text, maxChars) numbers them) of contrast markers and the words they govern. */
export function contrastPositions(text: string, maxChars: number): Set<number> {
  const out = new Set<number>();
  let base = 0;
  for (const clause of text.slice(0, maxChars).split(CLAUSE_END)) {
    const words: string[] = [];
    tokenize(clause, maxChars, { lookup: (w) => w, none: '', push: (w, pos, kind) => kind === WORD && (words[pos] = w) });
    for (let i = 0; i < words.length; i++) {
      const from = ONE_WORD.has(words[i]!) ? i + 1 : TWO_WORDS.has(`${words[i]} ${words[i + 1]}`) ? i + 2 : -1;
      if (from < 0) continue;
      // The marker too: "instead" or "outside" is no topic either.
      for (let p = i; p < words.length; p++) out.add(base + p);
      break;
    }
    base += words.length;
  }
  return out;
}
