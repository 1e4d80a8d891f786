// Trending: more votes rank higher; age decays with a one-day half-life.
import { describe, expect, it } from 'vitest';
import { HALF_LIFE_HOURS, trendingScore } from './trending.ts';

describe('trendingScore', () => {
  it('grows with upvotes and comments', () => {
    expect(trendingScore(10, 0, '2025-01-10')).toBeGreaterThan(trendingScore(5, 0, '2025-01-10'));
    expect(trendingScore(5, 4, '2025-01-10')).toBeGreaterThan(trendingScore(5, 0, '2025-01-10'));
  });

  it('halves a paper\'s weight every half-life of age', () => {
    expect(HALF_LIFE_HOURS).toBe(24);
    // One day older with twice the (votes + 1) ties.
    expect(trendingScore(19, 0, '2025-01-09')).toBeCloseTo(trendingScore(9, 0, '2025-01-10'), 5);
    expect(trendingScore(100, 0, '2025-01-01')).toBeLessThan(trendingScore(1, 0, '2025-01-10'));
  });
});
