/**
 * A paper analyzed for indexing (by doc-analyzer.ts): its distinct terms (as ids of some term
 * dictionary) with their frequency per field, its field lengths and its title's terms in order.
 * Analysis is the costly part of indexing and needs nothing of the index but a dictionary and the
 * synonym table, so it can run in a worker thread with a dictionary of its own (see
 * parallel-build.ts); batches cross threads packed into a few typed arrays.
 */
import { FIELDS } from './docs.ts';

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
  /** Its vector by meaning, as int8 components (none without word vectors), and their scale (0: no vector). */
  vector: Int8Array;
  scale: number;
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
  /** Vector components, `dims` per paper, and each paper's scale. */
  dims: number;
  vectors: Int8Array;
  scales: Float32Array;
}

/** Packs analyzed papers into one PackedDocs. */
export function packDocs(docs: AnalyzedDoc[]): PackedDocs {
  const termStart = new Uint32Array(docs.length + 1);
  const dims = docs[0]?.vector.length ?? 0;
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
    dims,
    vectors: new Int8Array(docs.length * dims),
    scales: Float32Array.from(docs, (d) => d.scale),
  };
  docs.forEach((d, i) => {
    p.terms.set(d.terms, termStart[i]);
    p.tf.set(d.tf, termStart[i]! * FIELDS);
    p.lengths.set(d.lengths, i * FIELDS);
    p.titleTerms.set(d.titleTerms, titleStart[i]);
    p.titlePos.set(d.titlePos, titleStart[i]);
    p.vectors.set(d.vector, i * dims);
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
      vector: p.vectors.subarray(i * p.dims, (i + 1) * p.dims),
      scale: p.scales[i]!,
    };
  });
}

/** The buffers of a PackedDocs, to transfer with postMessage. */
export function packedBuffers(p: PackedDocs): ArrayBuffer[] {
  return [p.termStart, p.titleStart, p.terms, p.tf, p.lengths, p.titleTerms, p.titlePos, p.vectors, p.scales].map((a) => a.buffer as ArrayBuffer);
}
