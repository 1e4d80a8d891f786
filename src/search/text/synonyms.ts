/**
 * The synonym table: acronym terms and the phrases they stand for. Documents get the acronym
 * term injected wherever its phrase occurs, so the query "LLM" finds a paper that only says
 * "large language models" and the query "key-value cache" finds one that says "KV cache".
 */
import { CURATED_ACRONYMS, mineAcronyms } from './acronyms.ts';
import { analyze, push, singleTerm, SYNONYM, type TokenStream, WORD } from './analyze.ts';

/** A phrase of the table, found by its first two terms. */
export interface Phrase {
  /** Terms after the first two. */
  rest: string[];
  acronym: string;
}

/** Acronym term to expansion phrases (as terms), with the lookups analysis needs. */
export class SynonymTable {
  // Phrases by their first two terms: one look-up per adjacent pair of words, however many
  // phrases share a first word ("neural ..." has hundreds).
  private readonly byStart = new Map<string, Map<string, Phrase[]>>();
  private readonly expansions = new Map<string, string[][]>();
  /** Every accepted add(), in order: replaying them rebuilds an identical table (in a worker). */
  readonly entries: [string, string[]][] = [];

  /** Adds one acronym term and the terms of a phrase it stands for. */
  add(acronym: string, phrase: string[]): void {
    if (!acronym || phrase.length < 2 || phrase.includes(acronym)) return;
    const list = this.expansions.get(acronym) ?? [];
    const key = phrase.join(' ');
    if (list.some((p) => p.join(' ') === key)) return;
    list.push(phrase);
    this.expansions.set(acronym, list);
    this.entries.push([acronym, phrase]);
    const second = this.byStart.get(phrase[0]!) ?? new Map<string, Phrase[]>();
    const list2 = second.get(phrase[1]!) ?? [];
    list2.push({ rest: phrase.slice(2), acronym });
    second.set(phrase[1]!, list2);
    this.byStart.set(phrase[0]!, second);
  }

  /** Whether some phrase of the table starts with this term. */
  startsPhrase(term: string): boolean {
    return this.byStart.has(term);
  }

  /** The phrases that start with these two terms. */
  phrasesAt(first: string, second: string): readonly Phrase[] | undefined {
    return this.byStart.get(first)?.get(second);
  }

  /** Whether a term is a known acronym. */
  isAcronym(term: string): boolean {
    return this.expansions.has(term);
  }

  /** The phrases an acronym term stands for. */
  expansionsOf(term: string): string[][] {
    return this.expansions.get(term) ?? [];
  }

  /** Number of acronyms known. */
  get size(): number {
    return this.expansions.size;
  }

  /**
   * Appends a SYNONYM token for every phrase of the table found in the stream, at the position of
   * the phrase's last word (so "KV" stays next to the "cache" that follows "key-value").
   */
  inject(s: TokenStream): TokenStream {
    const n = s.terms.length;
    for (let i = 0; i < n; i++) {
      if (s.kinds[i] !== WORD) continue;
      const second = this.byStart.get(s.terms[i]!);
      if (!second) continue;
      let j = i + 1;
      while (j < n && s.kinds[j] !== WORD) j++;
      const phrases = j < n ? second.get(s.terms[j]!) : undefined;
      if (!phrases) continue;
      for (const p of phrases) {
        const end = p.rest.length === 0 ? j : matchAt(s, j + 1, p.rest);
        if (end >= 0) push(s, p.acronym, s.positions[end]!, SYNONYM, s.positions[i]!);
      }
    }
    return s;
  }
}

// Index of the last token when `rest` follows at WORD tokens from `from` on, else -1.
function matchAt(s: TokenStream, from: number, rest: string[]): number {
  let j = from;
  for (const term of rest) {
    while (j < s.terms.length && s.kinds[j] !== WORD) j++;
    if (j >= s.terms.length || s.terms[j] !== term) return -1;
    j++;
  }
  return j - 1;
}

/** Collects acronym definitions while documents stream past, then builds the table. */
export class AcronymMiner {
  private readonly counts = new Map<string, Map<string, number>>();

  /** Looks for definitions in one original-case text. */
  scan(text: string): void {
    mineAcronyms(text, (acronym, expansion) => {
      const term = singleTerm(acronym);
      if (!term) return;
      const byExp = this.counts.get(term) ?? new Map<string, number>();
      byExp.set(expansion, (byExp.get(expansion) ?? 0) + 1);
      this.counts.set(term, byExp);
    });
  }

  /**
   * The curated acronyms plus mined ones: for each acronym, expansions seen at least a quarter as
   * often as its most common one (at most three), which drops one-off misreadings. `docs` is the
   * number of documents scanned.
   */
  build(docs: number): SynonymTable {
    const table = new SynonymTable();
    // One sighting is evidence in a small corpus, noise in a large one (323 papers: 1, 190k: 3).
    const minCount = Math.max(1, Math.ceil(Math.log10(docs + 1)) - 3);
    for (const [acronym, expansion] of CURATED_ACRONYMS) table.add(singleTerm(acronym), phraseTerms(expansion));
    for (const [term, byExp] of this.counts) {
      const byPhrase = new Map<string, number>();
      for (const [exp, c] of byExp) {
        const key = phraseTerms(exp).join(' ');
        byPhrase.set(key, (byPhrase.get(key) ?? 0) + c);
      }
      const ranked = [...byPhrase].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const best = ranked[0]?.[1] ?? 0;
      for (const [key, c] of ranked.slice(0, 3)) if (key && c >= minCount && c * 4 >= best) table.add(term, key.split(' '));
    }
    return table;
  }
}

function phraseTerms(text: string): string[] {
  const s = analyze(text, 500);
  return s.terms.filter((_, i) => s.kinds[i] === WORD);
}
