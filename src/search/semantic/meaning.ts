/**
 * Search by meaning: a text's vector is the weighted mean of its words' vectors (smooth inverse
 * frequency weights, the common direction removed; Arora, Liang and Ma, 2017), and two texts are
 * as close as the cosine of their vectors. The word vectors come from co-occurrence statistics of
 * arXiv abstracts (see vectors-file.ts), so "shrinking weights to 4 bits" lands near quantization
 * papers that share none of its words. Words are the analyzer's terms: a query and a paper map to
 * vectors exactly as they map to index terms.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, type TokenizeOptions } from '../text/analyze.ts';
import { decodeWordVectors, type WordVectors } from './vectors-file.ts';

/** The bundled vectors. */
export const WORD_VECTORS_FILE = fileURLToPath(new URL('../../../data/models/word-vectors.bin', import.meta.url));
/** A title's words count this many times its abstract's. */
export const TITLE_WEIGHT = 2;
/** How titles and abstracts are read, as the index reads them (see index/doc-analyzer.ts). */
const MAX_TEXT_CHARS = 100_000;
const NO_VERSIONS = { versions: false } as const;

/** A weighted term of a query, as planned for the index. */
export interface WeightedWord {
  term: string;
  weight: number;
}

/** Text vectors and their similarity over one set of word vectors. */
export class Meaning {
  private readonly rowOfTerm: Map<string, number>;
  // A text's weight per row, summed before any vector is touched: words repeat within a text.
  private readonly rowWeight: Float64Array;
  private readonly touched: Int32Array;
  // Rows of `touched` in use by the text being read.
  private pending = 0;
  private idMemo: string | undefined;

  // The rows again as int8 components, each with its scale times its weight: a paper's vector
  // sums a hundred rows picked at random, and a quarter of the bytes stays in the CPU's cache.
  private readonly rows8: Int8Array;
  private readonly rowScale: Float64Array;

  constructor(readonly vectors: WordVectors) {
    const { dims, words } = vectors;
    this.rowOfTerm = new Map(words.map((w, i) => [w, i]));
    this.rowWeight = new Float64Array(words.length);
    this.touched = new Int32Array(words.length);
    this.rows8 = new Int8Array(words.length * dims);
    this.rowScale = new Float64Array(words.length);
    for (let row = 0; row < words.length; row++) {
      const v = vectors.vectors.subarray(row * dims, (row + 1) * dims);
      this.rowScale[row] = quantize(v, this.rows8.subarray(row * dims, (row + 1) * dims)) * vectors.weights[row]!;
    }
  }

  /**
   * The vector of a paper, from its title and abstract; undefined when no word has a vector. The
   * index computes the same from its own analysis of each paper (see index/doc-analyzer.ts).
   */
  paperVector(title: string, abstract: string): Float32Array | undefined {
    this.addText(title, TITLE_WEIGHT);
    this.addText(abstract, 1, NO_VERSIONS);
    return this.take();
  }

  /** The vector of a query's terms (each counted by its weight in the query). */
  queryVector(words: readonly WeightedWord[]): Float32Array | undefined {
    const acc = new Float64Array(this.vectors.dims);
    let n = 0;
    for (const w of words) {
      const row = this.rowOfTerm.get(w.term);
      if (row === undefined || w.weight <= 0) continue;
      this.addRow(acc, row, w.weight);
      n++;
    }
    return n > 0 ? this.finish(acc) : undefined;
  }

  /** The row of a term's vector, or -1 when it has none. */
  row(term: string): number {
    return this.rowOfTerm.get(term) ?? -1;
  }

  /** Adds a word, by its row, `weight` times to the text being read (see take()). */
  add(row: number, weight: number): void {
    if (this.rowWeight[row] === 0) this.touched[this.pending++] = row;
    this.rowWeight[row]! += weight;
  }

  /** The vector of the words added since the last take() (undefined: none); starts the next text. */
  take(): Float32Array | undefined {
    const n = this.pending;
    this.pending = 0;
    if (n === 0) return undefined;
    const acc = new Float64Array(this.vectors.dims);
    for (let i = 0; i < n; i++) {
      const row = this.touched[i]!;
      this.addRow(acc, row, this.rowWeight[row]!);
      this.rowWeight[row] = 0;
    }
    return this.finish(acc);
  }

  /** What identifies these vectors: a hash of their words, weights and components. */
  get id(): string {
    if (!this.idMemo) {
      const { words, weights, vectors, common, dims } = this.vectors;
      const hash = createHash('sha256').update(`${dims}\n${words.join('\n')}`);
      for (const a of [weights, vectors, common]) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      this.idMemo = hash.digest('hex').slice(0, 32);
    }
    return this.idMemo;
  }

  // Adds a text's terms (as the index analyzes it, before acronyms are injected) to the text being read.
  private addText(text: string, weight: number, opts?: TokenizeOptions): void {
    for (const term of analyze(text, MAX_TEXT_CHARS, undefined, opts).terms) {
      const row = this.row(term);
      if (row >= 0) this.add(row, weight);
    }
  }

  /**
   * The `k` words nearest a vector (cosine at least `min`) among those `accept` lets through,
   * nearest first. A scan of every word: a few milliseconds, for the rare query that needs it.
   */
  nearestWords(v: Float32Array, k: number, min: number, accept: (term: string) => boolean): { term: string; similarity: number }[] {
    const { dims, vectors, words } = this.vectors;
    const out: { term: string; similarity: number }[] = [];
    for (let row = 0; row < words.length; row++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[d]! * vectors[row * dims + d]!;
      if (dot < min || (out.length === k && dot <= out[k - 1]!.similarity) || !accept(words[row]!)) continue;
      out.push({ term: words[row]!, similarity: dot });
      out.sort((a, b) => b.similarity - a.similarity);
      if (out.length > k) out.pop();
    }
    return out;
  }

  private addRow(acc: Float64Array, row: number, weight: number): void {
    const dims = acc.length;
    const rows8 = this.rows8;
    const w = weight * this.rowScale[row]!;
    const at = row * dims;
    for (let d = 0; d < dims; d++) acc[d]! += w * rows8[at + d]!;
  }

  // Removes the common direction and scales to unit length.
  private finish(acc: Float64Array): Float32Array | undefined {
    const { dims, common } = this.vectors;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += acc[d]! * common[d]!;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      acc[d]! -= dot * common[d]!;
      norm += acc[d]! ** 2;
    }
    if (norm === 0) return undefined;
    const inv = 1 / Math.sqrt(norm);
    return Float32Array.from(acc, (x) => x * inv);
  }
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
}

/** A unit vector as kept by the index: int8 components times a scale (127 steps up to its largest). */
export interface StoredVector {
  components: Int8Array;
  scale: number;
}

/** Writes `v` into `out` (its length) as int8 components; returns their scale. */
export function quantize(v: Float32Array, out: Int8Array): number {
  let max = 0;
  for (let d = 0; d < v.length; d++) max = Math.max(max, Math.abs(v[d]!));
  if (max === 0) return 0;
  for (let d = 0; d < v.length; d++) out[d] = Math.round((v[d]! / max) * 127);
  return max / 127;
}

/** Cosine of a unit vector and a stored one. */
export function cosineStored(a: Float32Array, b: StoredVector): number {
  const c = b.components;
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * c[d]!;
  return dot * b.scale;
}

let bundled: Meaning | null | undefined;

/** Vectors read from a file, or undefined (and `onError` told why) when it is missing or damaged. */
export function readMeaning(file: string, onError?: (err: unknown) => void): Meaning | undefined {
  try {
    return new Meaning(decodeWordVectors(readFileSync(file)));
  } catch (err) {
    onError?.(err);
    return undefined;
  }
}

/**
 * The bundled vectors, read once. Without the file (or with a damaged one) search works on
 * words alone, and `onError` is told why.
 */
export function bundledMeaning(onError?: (err: unknown) => void): Meaning | undefined {
  if (bundled === undefined) bundled = readMeaning(WORD_VECTORS_FILE, onError) ?? null;
  return bundled ?? undefined;
}
