// Training word vectors on a small corpus: words used in the same contexts end up close, and
// the same texts always give the same vectors.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/search/text/analyze.ts';
import { type AnalyzedText, trainWordVectors } from './train-lib.ts';

// Two topics; within each, two interchangeable words share every context.
const SENTENCES = [
  'the kitten sleeps on the warm sofa and purrs softly',
  'the puppy sleeps on the warm sofa and purrs softly',
  'a hungry kitten chases yarn around the living room',
  'a hungry puppy chases yarn around the living room',
  'the truck drives fast on the wet highway near the bridge',
  'the lorry drives fast on the wet highway near the bridge',
  'a heavy truck carries steel beams to the harbor depot',
  'a heavy lorry carries steel beams to the harbor depot',
];

const corpus = (): AnalyzedText[] =>
  Array.from({ length: 30 }, () => SENTENCES)
    .flat()
    .map((t) => {
      const s = analyze(t);
      return { terms: s.terms, positions: s.positions };
    });

const cos = (v: Float32Array, dims: number, a: number, b: number): number => {
  let dot = 0;
  for (let d = 0; d < dims; d++) dot += v[a * dims + d]! * v[b * dims + d]!;
  return dot;
};

describe('trainWordVectors', () => {
  const opts = { dims: 8, window: 3, minCount: 5, source: 'test' };

  it('puts words of the same contexts together and apart from the other topic', () => {
    const wv = trainWordVectors(corpus(), opts);
    const at = (w: string): number => wv.words.indexOf(analyze(w).terms[0]!);
    expect(at('kitten')).toBeGreaterThanOrEqual(0);
    expect(cos(wv.vectors, wv.dims, at('kitten'), at('puppy'))).toBeGreaterThan(0.9);
    expect(cos(wv.vectors, wv.dims, at('truck'), at('lorry'))).toBeGreaterThan(0.9);
    expect(cos(wv.vectors, wv.dims, at('kitten'), at('truck'))).toBeLessThan(0.5);
    expect(wv.words).toHaveLength(wv.weights.length);
    expect(wv.weights.every((w) => w > 0 && w <= 1)).toBe(true);
    expect(Math.hypot(...wv.common)).toBeCloseTo(1, 5);
  });

  it('gives identical vectors for identical texts', () => {
    const a = trainWordVectors(corpus(), opts);
    const b = trainWordVectors(corpus(), opts);
    expect(b.words).toEqual(a.words);
    expect(Array.from(b.vectors)).toEqual(Array.from(a.vectors));
    expect(Array.from(b.common)).toEqual(Array.from(a.common));
  });
});
