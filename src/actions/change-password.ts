/**
 * Changing one's password while signed in: the current password, then the new one (argon2id).
 * A wrong current password is a failed sign-in as far as the limits go (the same per-address and
 * per-account budgets), so a stolen session cannot be used to guess the password. Every other
 * session of the account ends; the one making the change stays, and so do the API tokens (a
 * password reset, where the account may have been taken over, revokes those).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { DB } from '../db/schema.ts';
import { findUserByEmail, type User } from '../db/users.ts';
import { checkPassword, hashPassword } from '../security/passwords.ts';
import { hashToken } from '../security/tokens.ts';
import { parseInput, passwordSchema } from './accounts.ts';
import { issueDevice } from './known-device.ts';
import { enforceLimit, LIMITS, refundLimit } from './rate-limit.ts';

/**
 * Replaces a signed-in user's password after checking the current one; ends the account's other
 * sessions (`session` is the token of the one to keep). Returns a known-device token for this
 * browser under the new password, since the earlier ones (bound to the old password) stop counting.
 */
export async function changePassword(
  db: Kysely<DB>,
  user: User,
  input: { current: unknown; password: unknown; session: string; ip: string; secret: string },
  now: Date,
): Promise<{ device: { token: string; expiresAt: Date } }> {
  // A new password that would be refused costs no attempt: it says nothing about the current one.
  const pass = parseInput(passwordSchema, input.password);
  // Counted before the check, as sign-in does, so a burst of guesses cannot overshoot the limits.
  await enforceLimit(db, LIMITS.signInPerIp, input.ip, now);
  await enforceLimit(db, LIMITS.signInPerAccount, user.email, now);
  const found = await findUserByEmail(db, user.email);
  const ok = await checkPassword(typeof input.current === 'string' ? input.current : '', found?.passwordHash);
  if (!found || found.user.id !== user.id || !ok) throw new AppError(400, 'wrong_password', 'That is not your current password.');
  await refundLimit(db, LIMITS.signInPerAccount, user.email);
  const passwordHash = await hashPassword(pass);
  await db.transaction().execute(async (trx) => {
    // Only over the password just checked: of two changes at once, the second finds it gone.
    const r = await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).where('password_hash', '=', found.passwordHash).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'password_changed', 'Your password was changed meanwhile. Reload the page and try again.');
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id_hash', '!=', hashToken(input.session)).execute();
  });
  return { device: issueDevice(input.secret, user.id, passwordHash, undefined, now) };
}
