/**
 * Per-document state of the index: paper id, field lengths, liveness (tombstones for updated and
 * hidden papers), the title's terms with positions, which proximity reranking reads without
 * going to the store, and the paper's vector by meaning (int8, 128 bytes a paper with the bundled
 * vectors), which reranking and related papers read instead of analyzing texts again. Abstracts
 * are not kept: at a million papers they would not fit the budget.
 */
import type { StoredVector } from '../semantic/meaning.ts';
import { ensure, reserve } from './grow.ts';

/** Indexed fields, in the order postings store their term frequencies. */
export const FIELDS = 3;
export const TITLE = 0;
export const ABSTRACT = 1;
export const AUTHORS = 2;

/** A DocTable's state as plain data and typed arrays (see snapshot.ts). */
export interface DocTableData {
  ids: string[];
  alive: Uint8Array<ArrayBuffer>;
  lengths: Uint32Array<ArrayBuffer>;
  lengthSums: number[];
  titleTerms: Uint32Array<ArrayBuffer>;
  titlePos: Uint16Array<ArrayBuffer>;
  titleStart: Uint32Array<ArrayBuffer>;
  dims: number;
  vectors: Int8Array<ArrayBuffer>;
  scales: Float32Array<ArrayBuffer>;
}

/** Documents by dense id (their order of indexing). */
export class DocTable {
  /** Paper id of each doc id. */
  readonly ids: string[] = [];
  private readonly byPaper = new Map<string, number>();
  alive = new Uint8Array(1024);
  /** Field lengths in words, FIELDS per doc. */
  lengths = new Uint32Array(1024 * FIELDS);
  /** Sum of field lengths over live docs, for average lengths. */
  readonly lengthSums = new Float64Array(FIELDS);
  live = 0;
  private titleTerms = new Uint32Array(1024);
  private titlePos = new Uint16Array(1024);
  private titleStart = new Uint32Array(1025);
  private vectors: Int8Array<ArrayBuffer>;
  private scales = new Float32Array(1024);

  /** `dims`: the length of the papers' vectors by meaning (0: the index has none). */
  constructor(readonly dims = 0) {
    this.vectors = new Int8Array(1024 * dims);
  }

  /** Number of doc ids ever given out (tombstoned ones included). */
  get count(): number {
    return this.ids.length;
  }

  /** The live doc id of a paper, if indexed. */
  docOf(paperId: string): number | undefined {
    return this.byPaper.get(paperId);
  }

  /**
   * Appends a document; returns its doc id. The paper must not be live already; positions fit 16
   * bits; `vector` has `dims` components, with `scale` 0 when the paper has no vector.
   */
  add(paperId: string, lengths: ArrayLike<number>, titleTerms: ArrayLike<number>, titlePos: ArrayLike<number>, vector?: Int8Array, scale = 0): number {
    const d = this.ids.length;
    this.ids.push(paperId);
    this.byPaper.set(paperId, d);
    this.alive = ensure(this.alive, d + 1);
    this.alive[d] = 1;
    this.live++;
    this.lengths = ensure(this.lengths, (d + 1) * FIELDS);
    for (let f = 0; f < FIELDS; f++) {
      this.lengths[d * FIELDS + f] = lengths[f]!;
      this.lengthSums[f]! += lengths[f]!;
    }
    const start = this.titleStart[d]!;
    const end = start + titleTerms.length;
    this.titleTerms = ensure(this.titleTerms, end);
    this.titlePos = ensure(this.titlePos, end);
    this.titleTerms.set(titleTerms, start);
    this.titlePos.set(titlePos, start);
    this.titleStart = ensure(this.titleStart, d + 2);
    this.titleStart[d + 1] = end;
    this.scales = ensure(this.scales, d + 1);
    if (this.dims > 0 && vector && scale > 0) {
      this.vectors = ensure(this.vectors, (d + 1) * this.dims);
      this.vectors.set(vector, d * this.dims);
      this.scales[d] = scale;
    }
    return d;
  }

  /** Tombstones a paper's live doc; returns whether there was one. */
  remove(paperId: string): boolean {
    const d = this.byPaper.get(paperId);
    if (d === undefined) return false;
    this.byPaper.delete(paperId);
    this.alive[d] = 0;
    this.live--;
    for (let f = 0; f < FIELDS; f++) this.lengthSums[f]! -= this.lengths[d * FIELDS + f]!;
    return true;
  }

  /** The table's state, trimmed to its docs (shares memory with the table until it changes). */
  export(): DocTableData {
    const n = this.count;
    const end = this.titleStart[n]!;
    return {
      ids: this.ids,
      alive: this.alive.subarray(0, n),
      lengths: this.lengths.subarray(0, n * FIELDS),
      lengthSums: Array.from(this.lengthSums),
      titleTerms: this.titleTerms.subarray(0, end),
      titlePos: this.titlePos.subarray(0, end),
      titleStart: this.titleStart.subarray(0, n + 1),
      dims: this.dims,
      vectors: this.vectors.subarray(0, Math.min(this.vectors.length, n * this.dims)),
      scales: this.scales.subarray(0, n),
    };
  }

  /** A table restored from export()ed state. */
  static restore(data: DocTableData): DocTable {
    const t = new DocTable(data.dims);
    for (const id of data.ids) t.ids.push(id);
    t.alive = data.alive;
    t.lengths = data.lengths;
    data.lengthSums.forEach((v, f) => (t.lengthSums[f] = v));
    t.titleTerms = data.titleTerms;
    t.titlePos = data.titlePos;
    t.titleStart = data.titleStart;
    t.vectors = data.vectors;
    t.scales = data.scales;
    for (let d = 0; d < data.ids.length; d++) {
      if (data.alive[d]) {
        t.byPaper.set(data.ids[d]!, d);
        t.live++;
      }
    }
    return t;
  }

  /** Makes room for `n` docs in all (a build knows how many papers it will index). */
  reserve(n: number): void {
    this.alive = reserve(this.alive, n);
    this.lengths = reserve(this.lengths, n * FIELDS);
    this.titleStart = reserve(this.titleStart, n + 1);
    this.scales = reserve(this.scales, n);
    if (this.dims > 0) this.vectors = reserve(this.vectors, n * this.dims);
  }

  /** The number of tokens of a doc's title. */
  titleLength(d: number): number {
    return this.titleStart[d + 1]! - this.titleStart[d]!;
  }

  /** The title's terms and positions of a doc. */
  title(d: number): { terms: Uint32Array; positions: Uint16Array } {
    const a = this.titleStart[d]!;
    const b = this.titleStart[d + 1]!;
    return { terms: this.titleTerms.subarray(a, b), positions: this.titlePos.subarray(a, b) };
  }

  /** A doc's vector by meaning, if it has one. */
  vector(d: number): StoredVector | undefined {
    const scale = this.scales[d]!;
    if (!(scale > 0)) return undefined;
    return { components: this.vectors.subarray(d * this.dims, (d + 1) * this.dims), scale };
  }
}
