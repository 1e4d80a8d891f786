/**
 * The rules that keep invitations to organizations from being used to pester anyone: how many may
 * wait for an answer at once in one organization, how long a declined invitation holds off
 * the next one from the same organization to the same account, and how many invitations one
 * organization may send one account in a while (withdrawn ones count: invite, withdraw, invite
 * again is still a mail and a notice each time).
 */
import { nextAllowedAt } from './sliding-window.ts';

/** Pending invitations one organization may have at once. */
export const MAX_PENDING_INVITATIONS = 20;

/** Days after a decline before the same organization may invite the same account again. */
export const REINVITE_AFTER_DAYS = 30;

/** Invitations one organization may send the same account within INVITES_WINDOW_DAYS. */
export const MAX_INVITES_PER_ACCOUNT = 5;

/** The window MAX_INVITES_PER_ACCOUNT counts over, in days. */
export const INVITES_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/** The start of the window, before `now`, whose invitations count against MAX_INVITES_PER_ACCOUNT. */
export function invitesWindowStart(now: Date): Date {
  return new Date(now.getTime() - INVITES_WINDOW_DAYS * DAY_MS);
}

/**
 * When the organization may invite the account again, given when it sent its invitations within
 * the window (ISO times, any order); undefined when it may now.
 */
export function inviteAgainFrom(sentAt: string[], now: Date): Date | undefined {
  return nextAllowedAt(sentAt, now, { max: MAX_INVITES_PER_ACCOUNT, windowMs: INVITES_WINDOW_DAYS * DAY_MS });
}

/** When an account that declined at `declinedAt` (ISO time) may be invited again, if not yet by `now`. */
export function reinviteWait(declinedAt: string, now: Date): Date | undefined {
  const from = new Date(Date.parse(declinedAt) + REINVITE_AFTER_DAYS * DAY_MS);
  return from.getTime() > now.getTime() ? from : undefined;
}
