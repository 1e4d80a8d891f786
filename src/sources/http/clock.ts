/**
 * Time as the polite fetcher sees it: a real clock for production and a virtual one for tests,
 * where waiting a minute takes no time but is still recorded.
 */

/** What the fetcher needs of time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time. */
export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock whose sleeps advance virtual time at once; `sleeps` lists every wait asked for. */
export function virtualClock(start = 0): Clock & { sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
    },
  };
}
