/**
 * Accounts: sign up, sign in and out, password reset by emailed link, API tokens, and the first
 * admin. Neither messages nor timing tell whether an address has an account (no enumeration):
 * sign-up with a taken address and a reset for an unknown one answer exactly like the successful
 * cases, mails go out in the background, and a taken address costs the same password hash.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, badRequest } from '../core/errors.ts';
import type { DB, Role } from '../db/schema.ts';
import { setDisplayName } from '../db/profiles.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { deleteSession, deleteUserSessions, findUserByEmail, findUserById, insertSession, insertUser, markVerified, passwordHashOf, replaceUnconfirmedPassword, revokeUserApiTokens, toUser, type User } from '../db/users.ts';
import type { MailLater } from '../mail/background.ts';
import { checkPassword, hashPassword } from '../security/passwords.ts';
import { hashToken, randomToken } from '../security/tokens.ts';
import { confirmToken, readConfirmToken, VERIFY_DAYS } from './confirm-link.ts';
import { issueDevice, readDevice } from './known-device.ts';
import { enforceLimit, type Limit, LIMITS, refundLimit } from './rate-limit.ts';

export const SESSION_DAYS = 30;
const RESET_MINUTES = 30;
const DAY_MS = 86_400_000;

const email = z.string().trim().toLowerCase().max(254).email('Enter a valid email address');
/** What an account's address must be (sign-up, a change of address), lower-cased. */
export const emailSchema = email;
/** What a new password must be (sign-up, reset, change). */
export const passwordSchema = z.string().min(10, 'Use at least 10 characters for your password').max(200, 'Use at most 200 characters');
const name = z.string().trim().min(1, 'Enter your name').max(80).refine((s) => !/[\p{Cc}<>]/u.test(s), 'Use letters, spaces and punctuation');

/**
 * Changes the name an account shows on its profile, comments and submissions; its handle, and so
 * its profile's address, stays. Returns the name as stored.
 */
export async function renameAccount(db: Kysely<DB>, user: User, input: unknown, now: Date): Promise<string> {
  const who = parseInput(name, input);
  await setDisplayName(db, user.id, who, now);
  return who;
}

/** Parses input with a schema, turning the first problem into a 400 with its message. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw badRequest('invalid_input', r.error.issues[0]?.message ?? 'Invalid input');
  return r.data;
}

/** A free, URL-safe handle from a name: "Ada Lovelace" becomes "ada-lovelace" (or "ada-lovelace-2"). */
async function freeHandle(db: Kysely<DB>, from: string): Promise<string> {
  const base = from.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'user';
  for (let i = 1; ; i++) {
    const handle = i === 1 ? base : `${base}-${i}`;
    const taken = await db.selectFrom('users').select('id').where('handle', '=', handle).executeTakeFirst();
    if (!taken) return handle;
  }
}

/**
 * Inserts an account under a free handle made from its name; undefined when the address has an
 * account after all. Two sign-ups at once (a double click, two people of one name) race between
 * the look-ups and the insert: the unique indexes decide, and the loser looks again.
 */
async function insertNewUser(db: Kysely<DB>, u: Omit<Parameters<typeof insertUser>[1], 'handle'>): Promise<User | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertUser(db, { ...u, handle: await freeHandle(db, u.name) });
    } catch (err) {
      if (isUniqueViolation(err, 'users', 'email')) return undefined;
      if (!isUniqueViolation(err, 'users', 'handle') || attempt >= 5) throw err;
    }
  }
}

/**
 * Creates an account and mails a link that confirms the address (and signs in). When the address
 * has an unconfirmed account, the earlier confirmation links die and its owner is mailed a
 * password-reset link, which confirms the address and sets the password they choose there (so an
 * expired link never leaves an account stuck, and whoever signs up with somebody else's address,
 * before or after its owner, never gets their password onto that account). When it has a confirmed one, its owner gets a mail saying
 * someone tried. The caller shows the same "check your inbox" answer in every case: nobody learns
 * from the page whether an address has an account.
 */
export async function signUp(
  db: Kysely<DB>,
  mail: Pick<MailLater, 'send'>,
  input: { email: unknown; password: unknown; name: unknown; ip: string; baseUrl: string; secret: string },
  now: Date,
): Promise<{ user?: User }> {
  await enforceLimit(db, LIMITS.signUpPerIp, input.ip, now);
  const addr = parseInput(email, input.email);
  const pass = parseInput(passwordSchema, input.password);
  const who = parseInput(name, input.name);
  await enforceLimit(db, LIMITS.signUpPerAccount, addr, now);
  const existing = await findUserByEmail(db, addr);
  const unconfirmed = existing && !existing.user.banned && !existing.user.verified;
  // Hashed in every case, so a taken address answers as slowly as a free one. An unconfirmed
  // account gets a password nobody knows: the links mailed for it before stop confirming it (they
  // are bound to its password hash), so whoever signed up first cannot have the owner confirm
  // their password by clicking an earlier mail.
  const passwordHash = await hashPassword(unconfirmed ? randomToken() : pass);
  if (unconfirmed) {
    await replaceUnconfirmedPassword(db, existing.user.id, passwordHash);
    await mailResetLink(db, mail, existing.user.id, addr, input.baseUrl, now, {
      subject: 'Confirm your Paperboy account',
      intro: `Someone (perhaps you) signed up again with this address, whose Paperboy account was never confirmed. To confirm it and choose its password, open this link within ${RESET_MINUTES} minutes:`,
    });
    return {};
  }
  if (existing) {
    mail.send({
      to: addr,
      subject: 'Someone tried to sign up with your address',
      text: `Someone (perhaps you) tried to create a Paperboy account with this address, which already has one.\n\nSign in: ${input.baseUrl}/signin\nForgot your password? ${input.baseUrl}/reset\n`,
    });
    return {};
  }
  const user = await insertNewUser(db, { email: addr, name: who, passwordHash, role: 'user', verified: false, now });
  // Another request made this account a moment ago (a double click): it mailed the link.
  if (!user) return {};
  const token = confirmToken(input.secret, user.id, passwordHash, now);
  mail.send({
    to: addr,
    subject: 'Confirm your Paperboy account',
    // No name in it: whoever signs up chooses the name, and it would be their text in someone else's inbox.
    text: `Welcome to Paperboy!\n\nConfirm your address to finish creating your account (the link works for ${VERIFY_DAYS} days):\n\n${input.baseUrl}/verify/${token}\n\nIf you did not sign up, ignore this mail.\n`,
  });
  return { user };
}

const invalidLink = (): AppError =>
  new AppError(400, 'invalid_link', 'This confirmation link is not valid any more. Sign up again with the same address to be mailed a link that confirms it.');

/**
 * The account a confirmation link is for, and whether its address is already confirmed; a 400 for
 * a bad link, or for one an unconfirmed account's later sign-up replaced.
 */
export async function checkVerifyLink(db: Kysely<DB>, input: { token: string; secret: string }, now: Date): Promise<{ user: User; confirmed: boolean }> {
  const link = readConfirmToken(input.secret, input.token, now);
  const user = link ? await findUserById(db, link.userId) : undefined;
  if (!link || !user || user.banned) throw invalidLink();
  if (user.verified) return { user, confirmed: true };
  const hash = await passwordHashOf(db, user.id);
  if (!hash || !link.matches(hash)) throw invalidLink();
  return { user, confirmed: false };
}

/**
 * Confirms an address from the link in the sign-up mail and opens a session, once: the link only
 * works while the address is unconfirmed, so a second use (or a use after a password reset, which
 * confirms the address too) opens no session and the caller asks the visitor to sign in.
 */
export async function verifyEmail(
  db: Kysely<DB>,
  input: { token: string; secret: string; userAgent?: string },
  now: Date,
): Promise<{ user: User; session?: { token: string; expiresAt: Date } }> {
  const { user } = await checkVerifyLink(db, input, now);
  return db.transaction().execute(async (trx) => {
    // Claimed by the statement that checks it, so two uses at once cannot both open a session; a
    // reset since the check (the only way the password changes) confirmed the address, so it fails too.
    if (!(await markVerified(trx, user.id, now))) return { user };
    return { user: { ...user, verified: true }, session: await openSession(trx, user.id, now, input.userAgent) };
  });
}

/** Creates an administrator (or another role) directly, already confirmed: for the CLI. */
export async function createUserDirect(db: Kysely<DB>, input: { email: unknown; password: unknown; name: unknown; role: Role }, now: Date): Promise<User> {
  const addr = parseInput(email, input.email);
  const pass = parseInput(passwordSchema, input.password);
  const who = parseInput(name, input.name);
  const taken = (): AppError => new AppError(409, 'email_taken', `${addr} already has an account.`);
  if (await findUserByEmail(db, addr)) throw taken();
  const user = await insertNewUser(db, { email: addr, name: who, passwordHash: await hashPassword(pass), role: input.role, verified: true, now });
  if (!user) throw taken();
  return user;
}

/**
 * Checks a password and opens a session; returns the session token for the cookie, and a device
 * token for the known-device cookie. Only failures count against the limits: per client address
 * and per account, unless the browser presents a device token for this account, whose own budget
 * then counts them instead of both (see known-device.ts): failures elsewhere, from the owner's own
 * network included, cannot keep the owner out of a browser they have signed in with before.
 */
export async function signIn(
  db: Kysely<DB>,
  input: { email: unknown; password: unknown; ip: string; userAgent?: string; device?: string; secret: string },
  now: Date,
): Promise<{ user: User; token: string; expiresAt: Date; device: { token: string; expiresAt: Date } }> {
  const addr = typeof input.email === 'string' ? input.email.trim().toLowerCase().slice(0, 254) : '';
  const found = addr ? await findUserByEmail(db, addr) : undefined;
  const known = readDevice(input.secret, input.device, now);
  // A device token counts only for its account and the password it was issued under.
  const device = found && known?.userId === found.user.id && known.matches(found.passwordHash) ? known : undefined;
  const limits: Array<[Limit, string]> = device ? [[LIMITS.signInPerDevice, device.deviceId]] : [[LIMITS.signInPerIp, input.ip], [LIMITS.signInPerAccount, addr]];
  // Counted before the password is checked, so a burst of guesses cannot overshoot the limits.
  for (const [limit, subject] of limits) await enforceLimit(db, limit, subject, now);
  const ok = await checkPassword(typeof input.password === 'string' ? input.password : '', found?.passwordHash);
  if (!found || !ok) throw new AppError(401, 'bad_credentials', 'That email and password do not match an account.');
  for (const [limit, subject] of limits) await refundLimit(db, limit, subject);
  if (found.user.banned) throw new AppError(403, 'banned', 'This account has been suspended.');
  if (!found.user.verified) throw new AppError(403, 'unverified', 'Confirm your address first: open the link in the mail we sent when you signed up.');
  return { user: found.user, ...(await openSession(db, found.user.id, now, input.userAgent)), device: issueDevice(input.secret, found.user.id, found.passwordHash, device, now) };
}

/** A new session for a user. */
export async function openSession(db: Kysely<DB>, userId: string, now: Date, userAgent?: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await insertSession(db, { idHash: hashToken(token), userId, now, expiresAt, ...(userAgent ? { userAgent } : {}) });
  return { token, expiresAt };
}

/** Ends the session of a token. */
export async function signOut(db: Kysely<DB>, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/** Mails a single-use reset link when the address has an account; answers the same either way. */
export async function requestPasswordReset(db: Kysely<DB>, mail: Pick<MailLater, 'send'>, input: { email: unknown; ip: string; baseUrl: string }, now: Date): Promise<void> {
  await enforceLimit(db, LIMITS.resetPerIp, input.ip, now);
  const addr = parseInput(email, input.email);
  await enforceLimit(db, LIMITS.resetPerAccount, addr, now);
  const found = await findUserByEmail(db, addr);
  if (!found || found.user.banned) return;
  await mailResetLink(db, mail, found.user.id, addr, input.baseUrl, now, {
    subject: 'Reset your Paperboy password',
    intro: `Someone asked to reset the password of your Paperboy account. To choose a new one, open this link within ${RESET_MINUTES} minutes:`,
  });
}

/** Stores a single-use reset token (hashed) and mails its link. */
async function mailResetLink(db: Kysely<DB>, mail: Pick<MailLater, 'send'>, userId: string, addr: string, baseUrl: string, now: Date, text: { subject: string; intro: string }): Promise<void> {
  const token = randomToken();
  await db
    .insertInto('password_resets')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString() })
    .execute();
  mail.send({
    to: addr,
    subject: text.subject,
    text: `${text.intro}\n\n${baseUrl}/reset/${token}\n\nA new password signs out every session and revokes the account's API tokens.\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
  });
}

/** Whether a reset link's token is live (unused, unexpired), without using it: its page shows the form only then. */
export async function checkResetLink(db: Kysely<DB>, token: string, now: Date): Promise<boolean> {
  const live = await db
    .selectFrom('password_resets')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return live !== undefined;
}

/**
 * Sets a new password with a reset token (single use, unexpired; the user's other reset tokens die
 * with it); ends every session and revokes every API token, since whoever took over the account
 * may have made one.
 */
export async function resetPassword(db: Kysely<DB>, input: { token: string; password: unknown }, now: Date): Promise<User> {
  const pass = parseInput(passwordSchema, input.password);
  const hash = hashToken(input.token);
  const expired = (): AppError => new AppError(400, 'invalid_reset', 'This reset link has expired or was already used. Ask for a new one.');
  // Looked at before the costly hash, so posting made-up tokens costs the server next to nothing.
  if (!(await checkResetLink(db, input.token, now))) throw expired();
  const passwordHash = await hashPassword(pass);
  return db.transaction().execute(async (trx) => {
    // Claim the token in the same statement that checks it, so two uses cannot both succeed.
    const claimed = await trx
      .updateTable('password_resets')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) throw expired();
    // The other links mailed before stop working too: one reset per request for a new password.
    await trx.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', claimed.user_id).where('used_at', 'is', null).execute();
    // Following a mailed link proves the address too.
    await trx.updateTable('users').set({ password_hash: passwordHash, verified_at: now.toISOString() }).where('id', '=', claimed.user_id).execute();
    await deleteUserSessions(trx, claimed.user_id);
    await revokeUserApiTokens(trx, claimed.user_id, now);
    const row = await trx.selectFrom('users').selectAll().where('id', '=', claimed.user_id).executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/** A new personal API token; the secret is shown once and stored hashed. */
export async function createApiToken(db: Kysely<DB>, userId: string, label: unknown, now: Date): Promise<{ id: string; token: string }> {
  const tokenName = parseInput(z.string().trim().min(1, 'Name the token').max(60), label);
  const token = `pb_${randomToken()}`;
  const id = randomUUID();
  await db.insertInto('api_tokens').values({ id, user_id: userId, name: tokenName, token_hash: hashToken(token), created_at: now.toISOString() }).execute();
  return { id, token };
}

/** Revokes one of a user's tokens (someone else's token is simply not found). */
export async function revokeApiToken(db: Kysely<DB>, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', tokenId).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
