/**
 * Immutable postings segments in CSR form: sorted term ids, offsets, and per posting a doc id
 * local to the segment (16 bits: segments hold at most 65,536 docs) and one byte that codes its
 * term frequencies in title, abstract and authors. The code covers title 0-2, abstract 0-16 and
 * authors 0-4 times (all but 0.03% of the 190k arXiv corpus's postings); the rest are escaped to a
 * small side table of exact frequencies, so scores are those of three full bytes a posting. Built
 * in batches so that peak memory during a full build stays low.
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
  /** One byte per posting: its term frequencies' code (see TF_CODES), or TF_ESCAPED. */
  tf: Uint8Array;
  /** The postings whose frequencies did not fit a code, ascending... */
  escaped: Uint32Array;
  /** ...and their frequencies, FIELDS bytes each (saturating at 255). */
  escapedTf: Uint8Array;
}

const MAX_TF = [2, 16, 4] as const;
/** The code of a posting whose frequencies are in the segment's side table. */
export const TF_ESCAPED = 255;
/** Frequencies of each code, FIELDS bytes per code: code = (title * 17 + abstract) * 5 + authors. */
export const TF_CODES = new Uint8Array(256 * FIELDS);
for (let t = 0, c = 0; t <= MAX_TF[0]; t++) {
  for (let a = 0; a <= MAX_TF[1]; a++) {
    for (let u = 0; u <= MAX_TF[2]; u++, c++) TF_CODES.set([t, a, u], c * FIELDS);
  }
}

/** The code of FIELDS frequencies at `tf[at..]`, or TF_ESCAPED. */
function tfCode(tf: ArrayLike<number>, at: number): number {
  const t = tf[at]!;
  const a = tf[at + 1]!;
  const u = tf[at + 2]!;
  if (t > MAX_TF[0] || a > MAX_TF[1] || u > MAX_TF[2]) return TF_ESCAPED;
  return (t * (MAX_TF[1] + 1) + a) * (MAX_TF[2] + 1) + u;
}

/** Where an escaped posting's frequencies start in seg.escapedTf (its code is TF_ESCAPED). */
export function escapedAt(seg: Segment, p: number): number {
  return escapeIndex(seg.escaped, p) * FIELDS;
}

/** Posting p's frequency in field f. */
export function fieldTf(seg: Segment, p: number, f: number): number {
  const c = seg.tf[p]!;
  return c !== TF_ESCAPED ? TF_CODES[c * FIELDS + f]! : seg.escapedTf[escapedAt(seg, p) + f]!;
}

/** Index in `escaped` of the first entry >= p (binary search). */
function escapeIndex(escaped: Uint32Array, p: number): number {
  let lo = 0;
  let hi = escaped.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (escaped[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** Escaped postings collected while a segment is written: positions, and FIELDS frequencies each. */
class Escapes {
  at = new Uint32Array(64);
  tf = new Uint8Array(64 * FIELDS);
  n = 0;

  push(p: number, tf: ArrayLike<number>, from: number): void {
    this.at = ensure(this.at, this.n + 1);
    this.tf = ensure(this.tf, (this.n + 1) * FIELDS);
    this.at[this.n] = p;
    for (let f = 0; f < FIELDS; f++) this.tf[this.n * FIELDS + f] = tf[from + f]!;
    this.n++;
  }

  /** The collected escapes ordered by position. */
  sorted(): { escaped: Uint32Array; escapedTf: Uint8Array } {
    const order = Array.from({ length: this.n }, (_, i) => i).sort((x, y) => this.at[x]! - this.at[y]!);
    const escaped = Uint32Array.from(order, (i) => this.at[i]!);
    const escapedTf = new Uint8Array(this.n * FIELDS);
    order.forEach((i, k) => escapedTf.set(this.tf.subarray(i * FIELDS, (i + 1) * FIELDS), k * FIELDS));
    return { escaped, escapedTf };
  }
}

/**
 * Accumulates postings for consecutive doc ids, then seals them into a Segment. One builder
 * serves segment after segment (see reset()), so a build reuses its buffers.
 */
export class SegmentBuilder {
  count = 0;
  private n = 0;
  private termOf = new Uint32Array(1 << 16);
  private docOf = new Uint16Array(1 << 16);
  private codeOf = new Uint8Array(1 << 16);
  private escapes = new Escapes();

  constructor(public base: number) {}

  /** Starts the next segment at doc `base`, keeping the buffers. */
  reset(base: number): void {
    this.base = base;
    this.count = 0;
    this.n = 0;
    this.escapes = new Escapes();
  }

  /** Adds the next doc's postings: distinct term ids and FIELDS frequencies per term (0-255). */
  addDoc(terms: ArrayLike<number>, tf: Uint8Array): void {
    const local = this.count++;
    const n = terms.length;
    this.termOf = ensure(this.termOf, this.n + n);
    this.docOf = ensure(this.docOf, this.n + n);
    this.codeOf = ensure(this.codeOf, this.n + n);
    for (let k = 0; k < n; k++) {
      const i = this.n + k;
      this.termOf[i] = terms[k]!;
      this.docOf[i] = local;
      const code = tfCode(tf, k * FIELDS);
      this.codeOf[i] = code;
      if (code === TF_ESCAPED) this.escapes.push(i, tf, k * FIELDS);
    }
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
    const next = counts.subarray(0, maxTerm + 1);
    for (let t = 0, k = 0, at = 0; t <= maxTerm; t++) {
      const c = counts[t]!;
      if (c === 0) continue;
      distinct[k] = t;
      next[t] = at;
      at += c;
      offsets[++k] = at;
    }
    const docs = new Uint16Array(n);
    const tf = new Uint8Array(n);
    const moved = this.escapes;
    for (let i = 0, e = 0; i < n; i++) {
      const at = next[termIds[i]!]!++;
      docs[at] = this.docOf[i]!;
      tf[at] = this.codeOf[i]!;
      // Escapes were pushed in posting order: each moves with its posting.
      if (e < moved.n && moved.at[e] === i) moved.at[e++] = at;
    }
    return { base: this.base, count: this.count, terms: distinct, offsets, docs, tf, ...moved.sorted() };
  }
}

/** Merges two adjacent segments (b's docs follow a's) into one; they must fit SEGMENT_DOCS. */
export function mergeSegments(a: Segment, b: Segment): Segment {
  const shift = b.base - a.base;
  const terms: number[] = [];
  const total = a.docs.length + b.docs.length;
  const docs = new Uint16Array(total);
  const tf = new Uint8Array(total);
  const escapes = new Escapes();
  const offsets: number[] = [0];
  let i = 0;
  let j = 0;
  let at = 0;
  // A term's postings are one run in each segment: copy the run, shifting b's doc ids.
  const copy = (s: Segment, k: number, add: number): void => {
    const from = s.offsets[k]!;
    const to = s.offsets[k + 1]!;
    tf.set(s.tf.subarray(from, to), at);
    if (add === 0) docs.set(s.docs.subarray(from, to), at);
    else for (let p = from; p < to; p++) docs[at + p - from] = s.docs[p]! + add;
    for (let e = escapeIndex(s.escaped, from); e < s.escaped.length && s.escaped[e]! < to; e++) escapes.push(at + s.escaped[e]! - from, s.escapedTf, e * FIELDS);
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
  return { base: a.base, count: shift + b.count, terms: Uint32Array.from(terms), offsets: Uint32Array.from(offsets), docs, tf, ...escapes.sorted() };
}
