// Unit tests for the nDCG@k used by the search relevance evaluation.
import { describe, expect, it } from 'vitest';
import { dcg, gain, mean, ndcgAtK } from './ndcg.ts';

const judged = new Map([
  ['a', 2],
  ['b', 1],
  ['c', 1],
]);

describe('ndcgAtK', () => {
  it('uses exponential gain and a log2 discount', () => {
    expect(gain(0)).toBe(0);
    expect(gain(1)).toBe(1);
    expect(gain(2)).toBe(3);
    expect(dcg([2, 1], 10)).toBeCloseTo(3 + 1 / Math.log2(3));
  });

  it('is 1 for the ideal ranking, even with unjudged papers after it', () => {
    expect(ndcgAtK(['a', 'b', 'c', 'x'], judged)).toBeCloseTo(1);
    expect(ndcgAtK(['a', 'c', 'b'], judged)).toBeCloseTo(1);
  });

  it('is 0 when nothing relevant is retrieved, or nothing is judged relevant', () => {
    expect(ndcgAtK(['x', 'y'], judged)).toBe(0);
    expect(ndcgAtK([], judged)).toBe(0);
    expect(ndcgAtK(['a'], new Map([['a', 0]]))).toBe(0);
  });

  it('computes a known value for a partial ranking', () => {
    // ranking: x, a -> DCG = 3/log2(3); ideal: a, b, c -> 3 + 1/log2(3) + 1/2
    const expected = 3 / Math.log2(3) / (3 + 1 / Math.log2(3) + 0.5);
    expect(ndcgAtK(['x', 'a'], judged)).toBeCloseTo(expected, 10);
  });

  it('only looks at the top k and builds the ideal from all judged papers', () => {
    const many = new Map(Array.from({ length: 12 }, (_, i) => [`p${i}`, 1] as const));
    const ranking = Array.from({ length: 12 }, (_, i) => `p${i}`);
    expect(ndcgAtK(ranking, many, 10)).toBeCloseTo(1);
    expect(ndcgAtK(['x', ...ranking], many, 1)).toBe(0);
    expect(ndcgAtK(ranking.slice(0, 5), many, 10)).toBeCloseTo(dcg([1, 1, 1, 1, 1], 10) / dcg(Array(10).fill(1), 10));
  });

  it('does not reward the same paper twice', () => {
    expect(ndcgAtK(['a', 'a', 'a'], judged)).toBeCloseTo(3 / (3 + 1 / Math.log2(3) + 0.5));
  });
});

describe('mean', () => {
  it('averages, and is 0 for nothing', () => {
    expect(mean([1, 0, 0.5])).toBeCloseTo(0.5);
    expect(mean([])).toBe(0);
  });
});
