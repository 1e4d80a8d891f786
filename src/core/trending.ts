/**
 * Trending: a time-decayed popularity score, stored on each paper and recomputed whenever its
 * votes or comments change (never by a periodic job).
 *
 *   trending = log2(1 + upvotes + comments / 2) + hoursSinceEpoch(feedDate) / HALF_LIFE_HOURS
 *
 * Because the time term grows with the paper's feed date rather than with "now", the stored
 * value never goes stale: comparing two papers with it is the same as comparing
 * popularity * 2^(-age / HALF_LIFE_HOURS), i.e. a paper's weight halves every HALF_LIFE_HOURS
 * of age, so a paper one day older needs 2^(24/HALF_LIFE_HOURS) times the votes to rank level.
 * (This is the "hot" ranking used by Reddit, in log base 2 with a configurable half-life.)
 */

/** Hours of age after which a paper needs twice the votes to keep its place. */
export const HALF_LIFE_HOURS = 24;

const EPOCH = Date.UTC(2020, 0, 1);

/** The trending score of a paper with these counts that entered the feed on this date. */
export function trendingScore(upvotes: number, comments: number, feedDate: string): number {
  const t = Date.parse(`${feedDate}T00:00:00Z`);
  const hours = Number.isNaN(t) ? 0 : (t - EPOCH) / 3_600_000;
  const popularity = Math.log2(1 + Math.max(0, upvotes) + Math.max(0, comments) / 2);
  return Math.round((popularity + hours / HALF_LIFE_HOURS) * 1e6) / 1e6;
}
