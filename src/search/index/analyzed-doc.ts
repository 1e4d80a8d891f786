/**
 * A paper analyzed for indexing: its distinct terms (as ids of some term dictionary) with their
 * frequency per field, its field lengths and its title's terms in order. Analysis is the costly
 * part of indexing and needs nothing of the index but a dictionary and the synonym table, so it
 * can run in a worker thread with a dictionary of its own (see parallel-build.ts).
 */
import { analyze, WORD } from '../text/analyze.ts';
import type { SynonymTable } from '../text/synonyms.ts';
import { FIELDS, TITLE } from './docs.ts';
import { ensure } from './grow.ts';

/** The text of one paper, as the store gives it. */
export interface DocText {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
}

/** One analyzed paper; every array is a typed array, so it crosses threads without copying. */
export interface AnalyzedDoc {
  id: string;
  /** Distinct term ids, in order of first appearance. */
  terms: Uint32Array;
  /** FIELDS frequencies per distinct term (title, abstract, authors), saturating at 255. */
  tf: Uint8Array;
  /** Field lengths in words. */
  lengths: Uint32Array;
  /** The title's tokens as term ids, and their positions (capped at 65,535). */
  titleTerms: Uint32Array;
  titlePos: Uint16Array;
}

/** Reusable per-analyzer state: which distinct slot each term id has in the current doc. */
export class DocScratch {
  private stamp = new Uint32Array(1024);
  private slot = new Uint32Array(1024);
  private epoch = 0;

  /** Starts a new document. */
  next(): void {
    this.epoch++;
  }

  /** The slot of a term id in the current doc, or -1 (then `set` it). */
  get(id: number): number {
    return id < this.stamp.length && this.stamp[id] === this.epoch ? this.slot[id]! : -1;
  }

  /** Records the slot of a term id in the current doc. */
  set(id: number, slot: number): void {
    this.stamp = ensure(this.stamp, id + 1);
    this.slot = ensure(this.slot, id + 1);
    this.stamp[id] = this.epoch;
    this.slot[id] = slot;
  }
}

/**
 * Analyzes a paper the way the index needs it: title and abstract with acronym injection, authors
 * plain. `intern` gives a term's id in the caller's dictionary.
 */
export function analyzeDoc(doc: DocText, synonyms: SynonymTable, intern: (term: string) => number, scratch: DocScratch): AnalyzedDoc {
  const fields = [synonyms.inject(analyze(doc.title)), synonyms.inject(analyze(doc.abstract)), analyze(doc.authors.join(' ; '), 5000)];
  scratch.next();
  const ids: number[] = [];
  const tf: number[] = [];
  const titleTerms = new Uint32Array(fields[TITLE]!.terms.length);
  for (let f = 0; f < FIELDS; f++) {
    const s = fields[f]!;
    for (let i = 0; i < s.terms.length; i++) {
      const id = intern(s.terms[i]!);
      if (f === TITLE) titleTerms[i] = id;
      let k = scratch.get(id);
      if (k < 0) {
        k = ids.length;
        scratch.set(id, k);
        ids.push(id);
        tf.push(0, 0, 0);
      }
      // Only real words count fully; injected acronyms and joined compounds mark presence.
      const at = k * FIELDS + f;
      if ((s.kinds[i] === WORD || tf[at] === 0) && tf[at]! < 255) tf[at]!++;
    }
  }
  return {
    id: doc.id,
    terms: Uint32Array.from(ids),
    tf: Uint8Array.from(tf),
    lengths: Uint32Array.of(fields[0]!.words, fields[1]!.words, fields[2]!.words),
    titleTerms,
    titlePos: Uint16Array.from(fields[TITLE]!.positions, (p) => Math.min(p, 65535)),
  };
}
