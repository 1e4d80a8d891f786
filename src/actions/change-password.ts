/**
 * Changing one's password while signed in: the current password (current-password.ts), then the
 * new one (argon2id). Every other session of the account ends; the one making the change stays,
 * and so do the API tokens (a password reset, where the account may have been taken over, revokes
 * those).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { DB } from '../db/schema.ts';
import { deleteOtherSessions, type User } from '../db/users.ts';
import { hashPassword } from '../security/passwords.ts';
import { hashToken } from '../security/tokens.ts';
import { parseInput, passwordSchema } from './accounts.ts';
import { checkCurrentPassword } from './current-password.ts';
import { issueDevice } from './known-device.ts';

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
  const currentHash = await checkCurrentPassword(db, user, input, now);
  const passwordHash = await hashPassword(pass);
  await db.transaction().execute(async (trx) => {
    // Only over the password just checked: of two changes at once, the second finds it gone.
    const r = await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).where('password_hash', '=', currentHash).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'password_changed', 'Your password was changed meanwhile. Reload the page and try again.');
    await deleteOtherSessions(trx, user.id, hashToken(input.session));
  });
  return { device: issueDevice(input.secret, user.id, passwordHash, undefined, now) };
}
