/**
 * "At most `max` in any `windowMs`" limits counted from the times of what was done: when the next
 * one may be done. Reply mails per hour and invitations per account per month use it.
 */

/**
 * When the next may be done, given when earlier ones were (ISO times, any order; older ones are
 * ignored); undefined when it may now. The max-th newest leaving the window makes room.
 */
export function nextAllowedAt(doneAt: readonly string[], now: Date, limit: { max: number; windowMs: number }): Date | undefined {
  const recent = doneAt
    .map((t) => Date.parse(t))
    .filter((t) => t > now.getTime() - limit.windowMs)
    .sort((a, b) => b - a);
  if (recent.length < limit.max) return undefined;
  return new Date(recent[limit.max - 1]! + limit.windowMs);
}
