// The word-vector file format: a round trip keeps every vector's direction, and anything else is refused clearly.
import { describe, expect, it } from 'vitest';
import { decodeWordVectors, encodeWordVectors, type WordVectors } from './vectors-file.ts';

const unit = (v: number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

const VECTORS: WordVectors = {
  dims: 3,
  words: ['quantiz', 'prune', 'robot'],
  weights: Float32Array.from([0.5, 0.25, 0.125]),
  vectors: Float32Array.from([...unit([1, 0.2, 0]), ...unit([0.9, 0.4, 0.1]), ...unit([-0.1, 0, 1])]),
  common: Float32Array.from(unit([1, 1, 1])),
  source: 'test',
};

describe('word-vector file', () => {
  it('round-trips words, weights and directions', () => {
    const back = decodeWordVectors(encodeWordVectors(VECTORS));
    expect(back.words).toEqual(VECTORS.words);
    expect(back.source).toBe('test');
    expect(Array.from(back.weights)).toEqual(Array.from(VECTORS.weights));
    for (let i = 0; i < 9; i++) expect(back.vectors[i]).toBeCloseTo(VECTORS.vectors[i]!, 2);
    for (let i = 0; i < 3; i++) expect(back.common[i]).toBeCloseTo(VECTORS.common[i]!, 5);
  });

  it('refuses other files, other versions and truncated ones', () => {
    const good = encodeWordVectors(VECTORS);
    expect(() => decodeWordVectors(Buffer.from('hello world, not vectors'))).toThrow(/not a word-vector file/);
    const future = Buffer.from(good);
    future.writeUInt32LE(99, 4);
    expect(() => decodeWordVectors(future)).toThrow(/version 99/);
    expect(() => decodeWordVectors(good.subarray(0, good.length - 1))).toThrow(/truncated/);
    expect(() => decodeWordVectors(good.subarray(0, 30))).toThrow(/truncated/);
  });
});
