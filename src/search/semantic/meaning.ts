/**
 * Search by meaning: a text's vector is the weighted mean of its words' vectors (smooth inverse
 * frequency weights, the common direction removed; Arora, Liang and Ma, 2017), and two texts are
 * as close as the cosine of their vectors. The word vectors come from co-occurrence statistics of
 * arXiv abstracts (see vectors-file.ts), so "shrinking weights to 4 bits" lands near quantization
 * papers that share none of its words. Words are the analyzer's terms: a query and a paper map to
 * vectors exactly as they map to index terms.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SYNONYM, termOf, tokenize } from '../text/analyze.ts';
import { decodeWordVectors, type WordVectors } from './vectors-file.ts';

/** The bundled vectors. */
export const WORD_VECTORS_FILE = fileURLToPath(new URL('../../../data/models/word-vectors.bin', import.meta.url));
/** A title's words count this many times its abstract's. */
const TITLE_WEIGHT = 2;
const MAX_TEXT_CHARS = 20_000;
const WORD_CACHE_LIMIT = 200_000;

/** A weighted term of a query, as planned for the index. */
export interface WeightedWord {
  term: string;
  weight: number;
}

/** Text vectors and their similarity over one set of word vectors. */
export class Meaning {
  private readonly rowOfTerm: Map<string, number>;
  // Raw word -> vector row (-1: none); most words of a text repeat across texts.
  private readonly rowOfWord = new Map<string, number>();
  // A text's weight per row, summed before any vector is touched: words repeat within a text.
  private readonly rowWeight: Float64Array;
  private readonly touched: Int32Array;

  constructor(readonly vectors: WordVectors) {
    this.rowOfTerm = new Map(vectors.words.map((w, i) => [w, i]));
    this.rowWeight = new Float64Array(vectors.words.length);
    this.touched = new Int32Array(vectors.words.length);
  }

  /** The vector of a paper, from its title and abstract; undefined when no word has a vector. */
  paperVector(title: string, abstract: string): Float32Array | undefined {
    let n = this.addText(title, TITLE_WEIGHT, 0);
    n = this.addText(abstract, 1, n);
    if (n === 0) return undefined;
    const acc = new Float64Array(this.vectors.dims);
    for (let i = 0; i < n; i++) {
      const row = this.touched[i]!;
      this.addRow(acc, row, this.rowWeight[row]!);
      this.rowWeight[row] = 0;
    }
    return this.finish(acc);
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

  // Adds a text's words to rowWeight; `n` rows are touched so far, the new count is returned.
  private addText(text: string, weight: number, n: number): number {
    tokenize(text, MAX_TEXT_CHARS, {
      none: -1,
      lookup: (word) => this.rowOf(word),
      push: (row, _pos, kind) => {
        if (kind === SYNONYM) return;
        if (this.rowWeight[row] === 0) this.touched[n++] = row;
        this.rowWeight[row]! += weight;
      },
    });
    return n;
  }

  private rowOf(word: string): number {
    let row = this.rowOfWord.get(word);
    if (row === undefined) {
      const term = termOf(word);
      row = term ? (this.rowOfTerm.get(term) ?? -1) : -1;
      if (this.rowOfWord.size >= WORD_CACHE_LIMIT) this.rowOfWord.clear();
      this.rowOfWord.set(word, row);
    }
    return row;
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
    const { dims, vectors, weights } = this.vectors;
    const w = weight * weights[row]!;
    const at = row * dims;
    for (let d = 0; d < dims; d++) acc[d]! += w * vectors[at + d]!;
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
