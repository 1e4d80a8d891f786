/**
 * Repeated creations: the same thing created again by the same person within REPEAT_WINDOW_MS (a
 * double-clicked form, a retried request) is answered with the first one rather than made twice.
 */

/** How long an identical creation counts as a repeat of the first. */
export const REPEAT_WINDOW_MS = 10_000;

/** The earliest creation time (ISO) that a creation at `now` repeats. */
export function repeatsSince(now: Date): string {
  return new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString();
}
