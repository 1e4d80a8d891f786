/**
 * The rules that keep invitations to organizations from being used to pester anyone: how many may
 * wait for an answer at once in one organization, and how long a declined invitation holds off
 * the next one from the same organization to the same account.
 */

/** Pending invitations one organization may have at once. */
export const MAX_PENDING_INVITATIONS = 20;

/** Days after a decline before the same organization may invite the same account again. */
export const REINVITE_AFTER_DAYS = 30;

const DAY_MS = 86_400_000;

/** When an account that declined at `declinedAt` (ISO time) may be invited again, if not yet by `now`. */
export function reinviteWait(declinedAt: string, now: Date): Date | undefined {
  const from = new Date(Date.parse(declinedAt) + REINVITE_AFTER_DAYS * DAY_MS);
  return from.getTime() > now.getTime() ? from : undefined;
}
