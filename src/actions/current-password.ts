/**
 * The current password, asked again before a signed-in change that matters (a new password, a new
 * address, deleting the account). A wrong one is a failed sign-in as far as the account's limit
 * goes, so a stolen session cannot be used to guess it. The client address's budget is not asked:
 * the caller is signed in already, and others' failures from a shared address (a lab behind one
 * NAT) must not keep the owner from changing their password.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { DB } from '../db/schema.ts';
import { findUserByEmail, type User } from '../db/users.ts';
import { checkPassword } from '../security/passwords.ts';
import { enforceLimit, LIMITS, refundLimit } from './rate-limit.ts';

/** Checks the signed-in user's current password; returns its stored hash, or throws a 400 (`wrong_password`). */
export async function checkCurrentPassword(db: Kysely<DB>, user: User, input: { current: unknown }, now: Date): Promise<string> {
  // Counted before the check, as sign-in does, so a burst of guesses cannot overshoot the limit.
  await enforceLimit(db, LIMITS.signInPerAccount, user.email, now);
  const found = await findUserByEmail(db, user.email);
  const ok = await checkPassword(typeof input.current === 'string' ? input.current : '', found?.passwordHash);
  if (!found || found.user.id !== user.id || !ok) throw new AppError(400, 'wrong_password', 'That is not your current password.');
  await refundLimit(db, LIMITS.signInPerAccount, user.email);
  return found.passwordHash;
}
