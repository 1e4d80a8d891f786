// Pair counts: unordered pairs, summed weights, and nothing lost when the table grows.
import { describe, expect, it } from 'vitest';
import { PairCounts } from './cooccur.ts';

describe('PairCounts', () => {
  it('sums the weights of a pair whichever way round it is added', () => {
    const pc = new PairCounts(10);
    pc.add(3, 5, 1);
    pc.add(5, 3, 0.5);
    pc.add(1, 2, 0.25);
    const seen: [number, number, number][] = [];
    pc.forEach((a, b, w) => seen.push([a, b, w]));
    expect(seen.sort()).toEqual([
      [1, 2, 0.25],
      [3, 5, 1.5],
    ]);
    expect(pc.size).toBe(2);
  });

  it('keeps every pair across growth', () => {
    const n = 300;
    const pc = new PairCounts(n, 4);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b += 7) pc.add(a, b, a + b);
    let pairs = 0;
    let wrong = 0;
    pc.forEach((a, b, w) => {
      pairs++;
      if (w !== a + b) wrong++;
    });
    expect(wrong).toBe(0);
    expect(pairs).toBe(pc.size);
    expect(pairs).toBe(Array.from({ length: n }, (_, a) => Math.ceil((n - a - 1) / 7)).reduce((x, y) => x + y, 0));
  });

  it('refuses a vocabulary too large for its keys', () => {
    expect(() => new PairCounts(70_000)).toThrow(/65,535/);
  });
});
