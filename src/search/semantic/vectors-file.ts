/**
 * The word-vector file: one vector per index term (a Porter stem, as the analyzer writes it),
 * with the term's smooth-inverse-frequency weight and the corpus's common direction. Layout,
 * little-endian: "PBWV", format version (u32), header length (u32), header JSON, then per word a
 * float32 scale, then per word `dims` int8 components (the unit vector times 127 / its largest
 * component). Written by scripts/word-vectors/train.ts, read by ./meaning.ts.
 */
import { z } from 'zod';

const MAGIC = 'PBWV';
const VERSION = 1;

/** Word vectors ready to use: row i of `vectors` (length dims) belongs to words[i]. */
export interface WordVectors {
  dims: number;
  words: string[];
  /** Smooth inverse frequency a / (a + p(word)): how much a word counts in a text's vector. */
  weights: Float32Array;
  /** Unit vectors, row after row. */
  vectors: Float32Array;
  /** The common direction removed from every text vector (unit length). */
  common: Float32Array;
  /** What the vectors were trained on, for people. */
  source: string;
}

const header = z.object({
  dims: z.number().int().min(1).max(4096),
  words: z.array(z.string()),
  weights: z.array(z.number()),
  common: z.array(z.number()),
  source: z.string(),
});

/** Encodes vectors into the file format (int8 components, one scale per word). */
export function encodeWordVectors(v: WordVectors): Buffer {
  const n = v.words.length;
  const json = Buffer.from(
    JSON.stringify({ dims: v.dims, words: v.words, weights: [...v.weights].map(round6), common: [...v.common].map(round6), source: v.source }),
  );
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 4);
  head.writeUInt32LE(json.length, 8);
  const scales = new Float32Array(n);
  const comps = new Int8Array(n * v.dims);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let d = 0; d < v.dims; d++) max = Math.max(max, Math.abs(v.vectors[i * v.dims + d]!));
    scales[i] = max / 127;
    for (let d = 0; d < v.dims; d++) comps[i * v.dims + d] = max === 0 ? 0 : Math.round((v.vectors[i * v.dims + d]! / max) * 127);
  }
  return Buffer.concat([head, json, Buffer.from(scales.buffer), Buffer.from(comps.buffer)]);
}

/** Decodes a word-vector file; throws a clear error for anything else. */
export function decodeWordVectors(buf: Buffer): WordVectors {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a word-vector file');
  const version = buf.readUInt32LE(4);
  if (version !== VERSION) throw new Error(`word-vector file version ${version}, expected ${VERSION}`);
  const len = buf.readUInt32LE(8);
  if (buf.length < 12 + len) throw new Error('word-vector file is truncated');
  const h = header.parse(JSON.parse(buf.toString('utf8', 12, 12 + len)));
  const n = h.words.length;
  const at = 12 + len;
  if (h.weights.length !== n || h.common.length !== h.dims || buf.length !== at + n * 4 + n * h.dims) {
    throw new Error('word-vector file is truncated or inconsistent');
  }
  const scales = new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * 4));
  const comps = new Int8Array(buf.buffer, buf.byteOffset + at + n * 4, n * h.dims);
  const vectors = new Float32Array(n * h.dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < h.dims; d++) {
      const x = comps[i * h.dims + d]! * scales[i]!;
      vectors[i * h.dims + d] = x;
      norm += x * x;
    }
    // Re-normalize what quantization nudged.
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < h.dims; d++) vectors[i * h.dims + d]! *= inv;
  }
  return { dims: h.dims, words: h.words, weights: Float32Array.from(h.weights), vectors, common: Float32Array.from(h.common), source: h.source };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
