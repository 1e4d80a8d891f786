/**
 * Rate limits for what can be abused (sign-in, sign-up, password reset, address changes, subscriptions,
 * submissions, comments, authorship claims, votes):
 * a number of hits per window per key (an IP, an account), counted in the store so all nodes
 * agree. Past the limit a request gets a 429 with Retry-After; when the window passes it is
 * allowed again, so repeated failures slow an attacker down but never lock the owner out.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { countHit, refundHit } from '../db/rate-limits.ts';
import type { DB } from '../db/schema.ts';

export interface Limit {
  /** What is limited, e.g. "signin-ip". */
  name: string;
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** The limits, in one place. */
export const LIMITS = {
  // Sign-in budgets count failures only (a success takes its hit back). A browser the owner has
  // signed in with before spends its own budget instead of the address's and the account's, so
  // failures elsewhere cannot keep the owner out of it.
  signInPerIp: { name: 'signin-ip', max: 30, windowMs: 15 * MINUTE },
  signInPerAccount: { name: 'signin-account', max: 10, windowMs: 15 * MINUTE },
  signInPerDevice: { name: 'signin-device', max: 10, windowMs: 15 * MINUTE },
  // Enough for a reading group signing up together behind one address; each is confirmed by mail.
  signUpPerIp: { name: 'signup-ip', max: 30, windowMs: 60 * MINUTE },
  // Each sign-up mails the address (a confirmation, or "someone tried"): no mail-bombing through it.
  signUpPerAccount: { name: 'signup-account', max: 3, windowMs: 60 * MINUTE },
  resetPerIp: { name: 'reset-ip', max: 10, windowMs: 60 * MINUTE },
  resetPerAccount: { name: 'reset-account', max: 3, windowMs: 60 * MINUTE },
  // Moving an account to a new address mails that address a link: a few an hour per account, and
  // per address mailed (past that, answered as usual but not mailed: a 429 would tell who asked).
  emailChangePerUser: { name: 'email-change-user', max: 5, windowMs: 60 * MINUTE },
  emailChangePerAddress: { name: 'email-change-address', max: 3, windowMs: 60 * MINUTE },
  // Submission attempts (duplicates, arXiv failures included) per address and per account: each
  // may ask arXiv. The daily budget per account counts only papers a submission added to a feed.
  submitPerIp: { name: 'submit-ip', max: 30, windowMs: 60 * MINUTE },
  submitAttemptsPerUser: { name: 'submit-attempt-user', max: 20, windowMs: 60 * MINUTE },
  submitPerUser: { name: 'submit-user', max: 10, windowMs: 24 * 60 * MINUTE },
  commentPerIp: { name: 'comment-ip', max: 60, windowMs: 10 * MINUTE },
  commentPerUser: { name: 'comment-user', max: 20, windowMs: 10 * MINUTE },
  // Each claim waits in the moderators' queue: enough for an author's backlog, not for a flood.
  claimPerUser: { name: 'claim-user', max: 20, windowMs: 60 * MINUTE },
  subscribePerIp: { name: 'subscribe-ip', max: 10, windowMs: 60 * MINUTE },
  // Each request mails the address; past this it is answered as usual but not mailed.
  subscribePerAddress: { name: 'subscribe-address', max: 3, windowMs: 60 * MINUTE },
  // Far above a reader going down a day's list; a script toggling votes meets it within seconds.
  votePerUser: { name: 'vote-user', max: 200, windowMs: 10 * MINUTE },
  // Wrong ADMIN_PASSWORD guesses at the admin pages' basic authentication (failures only).
  adminPasswordPerIp: { name: 'admin-password-ip', max: 10, windowMs: 15 * MINUTE },
} satisfies Record<string, Limit>;

/** Counts a hit and throws a 429 AppError (with the seconds to wait) once the limit is passed. */
export async function enforceLimit(db: Kysely<DB>, limit: Limit, subject: string, now: Date): Promise<void> {
  const { count, windowStart } = await countHit(db, `${limit.name}:${subject}`, limit.windowMs, now);
  if (count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + limit.windowMs - now.getTime()) / 1000));
    throw new RateLimited(retryAfter);
  }
}

/** Counts a hit and tells whether it is within the limit, for callers that must answer the same either way. */
export async function withinLimit(db: Kysely<DB>, limit: Limit, subject: string, now: Date): Promise<boolean> {
  const { count } = await countHit(db, `${limit.name}:${subject}`, limit.windowMs, now);
  return count <= limit.max;
}

/** Takes back a hit counted by enforceLimit, for an attempt that turned out not to count. */
export async function refundLimit(db: Kysely<DB>, limit: Limit, subject: string): Promise<void> {
  await refundHit(db, `${limit.name}:${subject}`);
}

/** The 429 a limit raises; carries the seconds until the window resets. */
export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'attempts',
    message = `Too many ${what}. Please try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
  ) {
    super(429, 'rate_limited', message);
  }
}
