/**
 * The permission to send one request to a source. A fetcher asks its gate before every attempt
 * and gives the permission back when the answer is read, so whoever issues the gates decides how
 * far apart requests go and who else they are shared with: the local gate spaces one fetcher's
 * requests; a gate kept in the store (db/source-throttle.ts) spaces every process's.
 */
import type { Clock } from './clock.ts';

/**
 * Ends a hold. `pauseMs` is how long the source asked us to keep quiet (Retry-After or our own
 * backoff): the next request through the gate starts no sooner than the longer of that and the
 * interval, counted from now.
 */
export type Release = (pauseMs?: number) => Promise<void>;

/** Hands out request slots one at a time, each at least the interval after the previous one ended. */
export interface RequestGate {
  /**
   * Waits for the slot and holds it. `holdMs` bounds the hold (the request's timeout and a
   * margin): a holder that never releases, such as a killed process, blocks others no longer.
   */
  acquire(holdMs: number): Promise<Release>;
}

/** A gate for one fetcher alone: requests start the interval (or a longer pause) after the previous one ended. */
export function localGate(intervalMs: number, clock: Clock): RequestGate {
  let nextAt: number | undefined;
  return {
    async acquire() {
      // Timers may fire a fraction of a millisecond early: check again until the time has come.
      for (let wait = (nextAt ?? 0) - clock.now(); nextAt !== undefined && wait > 0; wait = nextAt - clock.now()) {
        await clock.sleep(Math.ceil(wait));
      }
      return async (pauseMs = 0) => {
        nextAt = clock.now() + Math.max(intervalMs, pauseMs);
      };
    },
  };
}
