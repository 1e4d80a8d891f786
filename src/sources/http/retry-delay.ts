/**
 * How long to wait before trying a request again: the server's Retry-After when it gave one,
 * else exponential backoff with jitter so that many clients do not retry in lockstep.
 */

/** Milliseconds asked for by a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, nowEpochMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowEpochMs);
}

/** Backoff before retry number `attempt` (1-based): base, 2*base, 4*base... capped, plus up to 20% jitter. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const plain = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (1 + 0.2 * random()));
}
