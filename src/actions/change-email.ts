/**
 * Moving an account to a new address: asked for on the settings page with the current password,
 * done only once the new address is proven by the link mailed to it (signed, single use, 24 hours,
 * stored as a hash like reset tokens, and only while the account keeps the address and password it
 * had when asking). The answer is the same when the new address already has an account: that
 * address is told, without a link, and nothing changes. Once moved, the old address gets a notice
 * (no link), every other session ends (the one confirming stays, and the API tokens), reset links
 * mailed to the old address die, and the account's digest moves along unless the new address has
 * a digest of its own.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest } from '../core/errors.ts';
import { claimEmailChange, insertEmailChange, liveEmailChange, voidEmailChanges, voidPasswordResets } from '../db/email-changes.ts';
import type { DB } from '../db/schema.ts';
import { findSubscriberByEmail } from '../db/subscribers.ts';
import { findUserByEmail, findUserById, passwordHashOf, type User } from '../db/users.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { emailChangedNotice, emailChangeLinkMail, emailTakenMail } from '../mail/account-mail.ts';
import type { MailLater } from '../mail/background.ts';
import { hashToken, randomToken, signToken, verifyToken } from '../security/tokens.ts';
import { emailSchema, parseInput } from './accounts.ts';
import { stampOf } from './confirm-link.ts';
import { checkCurrentPassword } from './current-password.ts';
import { enforceLimit, LIMITS, withinLimit } from './rate-limit.ts';

export const EMAIL_CHANGE_HOURS = 24;
const PURPOSE = 'email-change';

const deadLink = (): AppError => new AppError(400, 'invalid_email_change', 'This link has expired or was already used. Ask for a new one on your settings page.');

/**
 * Mails a link that moves the account to `email` (or, when that address has an account, a note
 * without one); answers the same either way. Returns the address as normalized.
 */
export async function requestEmailChange(
  db: Kysely<DB>,
  mail: Pick<MailLater, 'send'>,
  user: User,
  input: { email: unknown; current: unknown; ip: string; baseUrl: string; secret: string },
  now: Date,
): Promise<{ email: string }> {
  const addr = parseInput(emailSchema, input.email);
  if (addr === user.email) throw badRequest('same_email', 'That is already your address.');
  const passwordHash = await checkCurrentPassword(db, user, input, now);
  await enforceLimit(db, LIMITS.emailChangePerUser, user.id, now);
  if (!(await withinLimit(db, LIMITS.emailChangePerAddress, addr, now))) return { email: addr };
  if (await findUserByEmail(db, addr)) {
    mail.send({ to: addr, ...emailTakenMail(input.baseUrl) });
    return { email: addr };
  }
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_HOURS * 3_600_000);
  // Random (the stored hash makes it single use) and signed with the password's fingerprint, so a
  // new password (a reset after a takeover) voids the links asked for before it.
  const token = signToken(input.secret, PURPOSE, `${randomToken()} ${stampOf(passwordHash, PURPOSE)}`, expiresAt.getTime());
  await insertEmailChange(db, { tokenHash: hashToken(token), userId: user.id, oldEmail: user.email, newEmail: addr, now, expiresAt });
  mail.send({ to: addr, ...emailChangeLinkMail(`${input.baseUrl}/email/confirm/${token}`, EMAIL_CHANGE_HOURS) });
  return { email: addr };
}

/** A live link's account, new address and the password hash it was asked under; a 400 for a dead, forged or outdated link. */
async function readLink(db: Kysely<DB>, input: { token: string; secret: string }, now: Date): Promise<{ user: User; newEmail: string; passwordHash: string }> {
  const [nonce, stamp, extra] = verifyToken(input.secret, PURPOSE, input.token, now.getTime())?.split(' ') ?? [];
  if (!nonce || !stamp || extra !== undefined) throw deadLink();
  const change = await liveEmailChange(db, hashToken(input.token), now);
  const user = change ? await findUserById(db, change.user_id) : undefined;
  if (!change || !user || user.banned || user.email !== change.old_email) throw deadLink();
  const hash = await passwordHashOf(db, user.id);
  if (!hash || stampOf(hash, PURPOSE) !== stamp) throw deadLink();
  return { user, newEmail: change.new_email, passwordHash: hash };
}

/** The account a live link would move and the address it would move to; a 400 for a dead, forged or outdated link. */
export async function checkEmailChangeLink(db: Kysely<DB>, input: { token: string; secret: string }, now: Date): Promise<{ user: User; newEmail: string }> {
  const { user, newEmail } = await readLink(db, input, now);
  return { user, newEmail };
}

/**
 * Moves the account to the address its link was mailed to, once. `session` is the confirming
 * browser's session token: it stays signed in if it is this account's; every other session ends.
 */
export async function confirmEmailChange(
  db: Kysely<DB>,
  mail: Pick<MailLater, 'send'>,
  input: { token: string; secret: string; session?: string },
  now: Date,
): Promise<{ user: User; oldEmail: string }> {
  const { user, newEmail, passwordHash } = await readLink(db, input, now);
  const taken = (): AppError => new AppError(409, 'email_taken', `${newEmail} has an account of its own since this link was sent, so yours keeps its address.`);
  await db.transaction().execute(async (trx) => {
    // Claimed by the statement that checks it, so two clicks at once cannot both move the account.
    const claimed = await claimEmailChange(trx, hashToken(input.token), now);
    if (!claimed) throw deadLink();
    if (await findUserByEmail(trx, newEmail)) throw taken();
    // Only over the address and password the link was checked against: a reset meanwhile voids it.
    const moved = await trx
      .updateTable('users')
      .set({ email: newEmail })
      .where('id', '=', user.id)
      .where('email', '=', claimed.old_email)
      .where('password_hash', '=', passwordHash)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw deadLink();
    await voidEmailChanges(trx, user.id, now);
    // Reset links went to the old address, which may be out of the owner's hands: they die with it.
    await voidPasswordResets(trx, user.id, now);
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id_hash', '!=', hashToken(input.session ?? '')).execute();
    const digest = await findSubscriberByEmail(trx, user.email);
    if (digest && !(await findSubscriberByEmail(trx, newEmail))) await trx.updateTable('subscribers').set({ email: newEmail }).where('id', '=', digest.id).execute();
  }).catch((err: unknown) => {
    // An account took the address between the look-up and the update: the unique index said so.
    throw isUniqueViolation(err, 'users', 'email') ? taken() : err;
  });
  mail.send({ to: user.email, ...emailChangedNotice(user.handle, now) });
  return { user: { ...user, email: newEmail }, oldEmail: user.email };
}
