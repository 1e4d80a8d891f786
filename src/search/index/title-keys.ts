/**
 * Exact titles: a key per document made from its title's tokens (term ids at their positions, in
 * any order), so that a query which is a paper's whole title, however typed (case, punctuation,
 * accents, plural forms), finds that paper at once, even when ranking by words would not put it
 * first ("Attention Residuals" against "Delta Attention Residuals", or a title with "Not" in it,
 * which a query otherwise reads as contrast). The key is a hash; a match is then checked token by
 * token, so a collision never names the wrong paper.
 */

/** A title's tokens: term ids with their positions, as the doc table keeps them. */
export interface TitleTokens {
  terms: ArrayLike<number>;
  positions: ArrayLike<number>;
}

// murmur3's finalizer: spreads one token's bits over the whole word.
function mix(term: number, pos: number): number {
  let h = Math.imul(term + 1, 0x9e3779b1) ^ Math.imul(pos + 1, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The key of a title's tokens: independent of their order, since analysis may list them in any. */
export function titleKey(t: TitleTokens): number {
  let h = t.terms.length >>> 0;
  for (let i = 0; i < t.terms.length; i++) h = (h + mix(t.terms[i]!, t.positions[i]!)) >>> 0;
  return h;
}

/** Whether two titles have the same tokens at the same positions. */
export function sameTitle(a: TitleTokens, b: TitleTokens): boolean {
  const n = a.terms.length;
  if (n !== b.terms.length) return false;
  const pairs = (t: TitleTokens): string => Array.from({ length: n }, (_, i) => `${t.terms[i]}@${t.positions[i]}`).sort().join(' ');
  return pairs(a) === pairs(b);
}

/** Doc ids by title key. Tombstoned docs stay listed; callers check liveness. */
export class TitleKeys {
  private readonly first = new Map<number, number>();
  private readonly more = new Map<number, number[]>();

  /** Lists a doc under its title's key (an empty title is never looked up, so it is not kept). */
  add(doc: number, title: TitleTokens): void {
    if (title.terms.length === 0) return;
    const key = titleKey(title);
    if (!this.first.has(key)) {
      this.first.set(key, doc);
      return;
    }
    const list = this.more.get(key);
    if (list) list.push(doc);
    else this.more.set(key, [doc]);
  }

  /** Docs listed under the key of these tokens (to be checked with sameTitle). */
  candidates(title: TitleTokens): number[] {
    const key = titleKey(title);
    const d = this.first.get(key);
    if (d === undefined) return [];
    return [d, ...(this.more.get(key) ?? [])];
  }
}
