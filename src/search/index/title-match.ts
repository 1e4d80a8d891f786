/**
 * Exact titles: the papers whose title has exactly a query's tokens (term ids at their positions,
 * in any order), so that a query which is a paper's whole title, however typed (case,
 * punctuation, accents, plural forms), finds that paper at once, even when ranking by words would
 * not put it first ("Attention Residuals" against "Delta Attention Residuals", or a title with
 * "Not" in it, which a query otherwise reads as contrast). Candidates come from the postings of
 * the title's rarest term, so this costs no memory beyond the index.
 */
import { TITLE } from './docs.ts';
import type { MemoryIndex } from './memory-index.ts';
import { fieldTf, forEachPosting } from './segment.ts';

/** A title's tokens: term ids with their positions, as the doc table keeps them. */
export interface TitleTokens {
  terms: ArrayLike<number>;
  positions: ArrayLike<number>;
}

/** Whether two titles have the same tokens at the same positions (in any order: analysis may list them so). */
export function sameTitle(a: TitleTokens, b: TitleTokens): boolean {
  const n = a.terms.length;
  if (n !== b.terms.length) return false;
  // Titles are short: each token of one is looked for in the other, without allocating.
  for (let i = 0; i < n; i++) {
    if (a.terms[i] === b.terms[i] && a.positions[i] === b.positions[i]) continue;
    let found = false;
    for (let j = 0; j < n && !found; j++) found = a.terms[i] === b.terms[j] && a.positions[i] === b.positions[j];
    if (!found) return false;
  }
  return true;
}

/** The live docs whose title has exactly these tokens. */
export function docsTitled(index: MemoryIndex, title: TitleTokens): number[] {
  let rarest = -1;
  for (let i = 0; i < title.terms.length; i++) {
    const id = title.terms[i]!;
    if (rarest < 0 || index.df[id]! < index.df[rarest]!) rarest = id;
  }
  if (rarest < 0) return [];
  const out: number[] = [];
  const { alive } = index.docs;
  forEachPosting(index.segments, rarest, (d, seg, p) => {
    if (fieldTf(seg, p, TITLE) !== 0 && alive[d] === 1 && index.docs.titleLength(d) === title.terms.length && sameTitle(index.docs.title(d), title)) out.push(d);
  });
  return out;
}
