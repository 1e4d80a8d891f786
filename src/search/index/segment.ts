/**
 * Immutable postings segments in CSR form: sorted term ids, offsets, and per posting a doc id
 * local to the segment (16 bits: segments hold at most 65,536 docs) and one byte of term
 * frequency per field. Built in batches so that peak memory during a full build stays low.
 */
import { FIELDS } from './docs.ts';
import { ensure } from './grow.ts';

/** Most docs in one segment: local doc ids are 16-bit. */
export const SEGMENT_DOCS = 65_536;

/** One segment of postings for docs base .. base+count-1. */
export interface Segment {
  base: number;
  count: number;
  terms: Uint32Array;
  offsets: Uint32Array;
  docs: Uint16Array;
  /** FIELDS bytes per posting: term frequency in title, abstract, authors (saturating at 255). */
  tf: Uint8Array;
}

/** Index into seg.terms of a term id, or -1 (binary search). */
export function findTerm(seg: Segment, termId: number): number {
  let lo = 0;
  let hi = seg.terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = seg.terms[mid]!;
    if (t === termId) return mid;
    if (t < termId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Calls `visit` for every posting of a term, over all segments: the doc id, its segment and the posting's index there. */
export function forEachPosting(segments: readonly Segment[], termId: number, visit: (doc: number, seg: Segment, p: number) => void): void {
  for (const seg of segments) {
    const k = findTerm(seg, termId);
    if (k < 0) continue;
    for (let p = seg.offsets[k]!, end = seg.offsets[k + 1]!; p < end; p++) visit(seg.base + seg.docs[p]!, seg, p);
  }
}

/** Accumulates postings for consecutive doc ids, then seals them into a Segment. */
export class SegmentBuilder {
  count = 0;
  private n = 0;
  private termOf = new Uint32Array(1 << 16);
  private docOf = new Uint16Array(1 << 16);
  private tfOf = new Uint8Array(FIELDS << 16);

  constructor(readonly base: number) {}

  /** Adds the next doc's postings: distinct term ids and FIELDS frequencies per term (0-255). */
  addDoc(terms: ArrayLike<number>, tf: Uint8Array): void {
    const local = this.count++;
    const n = terms.length;
    this.termOf = ensure(this.termOf, this.n + n);
    this.docOf = ensure(this.docOf, this.n + n);
    this.tfOf = ensure(this.tfOf, (this.n + n) * FIELDS);
    for (let k = 0; k < n; k++) {
      this.termOf[this.n + k] = terms[k]!;
      this.docOf[this.n + k] = local;
    }
    this.tfOf.set(tf.subarray(0, n * FIELDS), this.n * FIELDS);
    this.n += n;
  }

  /** Seals the postings: a stable counting sort by term keeps docs ascending within a term. */
  build(): Segment {
    const n = this.n;
    const termIds = this.termOf;
    let maxTerm = 0;
    for (let i = 0; i < n; i++) if (termIds[i]! > maxTerm) maxTerm = termIds[i]!;
    // Typed arrays over the term id range, not Maps: a segment holds millions of postings.
    const counts = new Uint32Array(maxTerm + 2);
    for (let i = 0; i < n; i++) counts[termIds[i]!]!++;
    let distinctCount = 0;
    for (let t = 0; t <= maxTerm; t++) if (counts[t]! > 0) distinctCount++;
    const distinct = new Uint32Array(distinctCount);
    const offsets = new Uint32Array(distinctCount + 1);
    const next = new Uint32Array(maxTerm + 1);
    for (let t = 0, k = 0, at = 0; t <= maxTerm; t++) {
      if (counts[t] === 0) continue;
      distinct[k] = t;
      next[t] = at;
      at += counts[t]!;
      offsets[++k] = at;
    }
    const docs = new Uint16Array(n);
    const tf = new Uint8Array(n * FIELDS);
    for (let i = 0; i < n; i++) {
      const at = next[termIds[i]!]!++;
      docs[at] = this.docOf[i]!;
      for (let f = 0; f < FIELDS; f++) tf[at * FIELDS + f] = this.tfOf[i * FIELDS + f]!;
    }
    return { base: this.base, count: this.count, terms: distinct, offsets, docs, tf };
  }
}

/** Merges two adjacent segments (b's docs follow a's) into one; they must fit SEGMENT_DOCS. */
export function mergeSegments(a: Segment, b: Segment): Segment {
  const shift = b.base - a.base;
  const terms: number[] = [];
  const total = a.docs.length + b.docs.length;
  const docs = new Uint16Array(total);
  const tf = new Uint8Array(total * FIELDS);
  const offsets: number[] = [0];
  let i = 0;
  let j = 0;
  let at = 0;
  // A term's postings are one run in each segment: copy the run, shifting b's doc ids.
  const copy = (s: Segment, k: number, add: number): void => {
    const from = s.offsets[k]!;
    const to = s.offsets[k + 1]!;
    tf.set(s.tf.subarray(from * FIELDS, to * FIELDS), at * FIELDS);
    if (add === 0) docs.set(s.docs.subarray(from, to), at);
    else for (let p = from; p < to; p++) docs[at + p - from] = s.docs[p]! + add;
    at += to - from;
  };
  while (i < a.terms.length || j < b.terms.length) {
    const ta = i < a.terms.length ? a.terms[i]! : Infinity;
    const tb = j < b.terms.length ? b.terms[j]! : Infinity;
    const t = Math.min(ta, tb);
    if (ta === t) copy(a, i++, 0);
    if (tb === t) copy(b, j++, shift);
    terms.push(t);
    offsets.push(at);
  }
  return { base: a.base, count: shift + b.count, terms: Uint32Array.from(terms), offsets: Uint32Array.from(offsets), docs, tf };
}
