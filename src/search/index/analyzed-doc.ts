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

/** A batch of analyzed papers in a few large arrays: one message between threads, moved rather than copied. */
export interface PackedDocs {
  ids: string[];
  /** Where each paper's terms (and, times FIELDS, its frequencies) and title tokens start; n + 1 entries each. */
  termStart: Uint32Array;
  titleStart: Uint32Array;
  terms: Uint32Array;
  tf: Uint8Array;
  lengths: Uint32Array;
  titleTerms: Uint32Array;
  titlePos: Uint16Array;
}

/** Packs analyzed papers into one PackedDocs. */
export function packDocs(docs: AnalyzedDoc[]): PackedDocs {
  const termStart = new Uint32Array(docs.length + 1);
  const titleStart = new Uint32Array(docs.length + 1);
  docs.forEach((d, i) => {
    termStart[i + 1] = termStart[i]! + d.terms.length;
    titleStart[i + 1] = titleStart[i]! + d.titleTerms.length;
  });
  const p: PackedDocs = {
    ids: docs.map((d) => d.id),
    termStart,
    titleStart,
    terms: new Uint32Array(termStart[docs.length]!),
    tf: new Uint8Array(termStart[docs.length]! * FIELDS),
    lengths: new Uint32Array(docs.length * FIELDS),
    titleTerms: new Uint32Array(titleStart[docs.length]!),
    titlePos: new Uint16Array(titleStart[docs.length]!),
  };
  docs.forEach((d, i) => {
    p.terms.set(d.terms, termStart[i]);
    p.tf.set(d.tf, termStart[i]! * FIELDS);
    p.lengths.set(d.lengths, i * FIELDS);
    p.titleTerms.set(d.titleTerms, titleStart[i]);
    p.titlePos.set(d.titlePos, titleStart[i]);
  });
  return p;
}

/** The analyzed papers of a PackedDocs, as views into its arrays. */
export function unpackDocs(p: PackedDocs): AnalyzedDoc[] {
  return p.ids.map((id, i) => {
    const [a, b] = [p.termStart[i]!, p.termStart[i + 1]!];
    const [c, d] = [p.titleStart[i]!, p.titleStart[i + 1]!];
    return {
      id,
      terms: p.terms.subarray(a, b),
      tf: p.tf.subarray(a * FIELDS, b * FIELDS),
      lengths: p.lengths.subarray(i * FIELDS, (i + 1) * FIELDS),
      titleTerms: p.titleTerms.subarray(c, d),
      titlePos: p.titlePos.subarray(c, d),
    };
  });
}

/** The buffers of a PackedDocs, to transfer with postMessage. */
export function packedBuffers(p: PackedDocs): ArrayBuffer[] {
  return [p.termStart, p.titleStart, p.terms, p.tf, p.lengths, p.titleTerms, p.titlePos].map((a) => a.buffer as ArrayBuffer);
}
