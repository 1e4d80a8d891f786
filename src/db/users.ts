/**
 * Accounts in the store: users, their sessions and API tokens (both kept as hashes of the
 * secret the browser or client holds), and password reset tokens. A deleted account's row stays,
 * emptied, to hold its handle: no look-up here finds it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, Role, UsersTable } from './schema.ts';

export type UserRow = Selectable<UsersTable>;

/** A signed-in person as the rest of the program sees them. */
export interface User {
  id: string;
  email: string;
  handle: string;
  name: string;
  role: Role;
  banned: boolean;
  publicUpvotes: boolean;
  verified: boolean;
  createdAt: string;
}

/** Converts a row; the password hash never leaves this module. */
export function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, handle: r.handle, name: r.name, role: r.role, banned: r.banned === 1, publicUpvotes: r.public_upvotes === 1, verified: r.verified_at !== null, createdAt: r.created_at };
}

/** Inserts a user; the caller has checked email and handle are free (the unique indexes hold anyway). */
export async function insertUser(
  db: Kysely<DB>,
  u: { email: string; handle: string; name: string; passwordHash: string; role: Role; verified: boolean; now: Date },
): Promise<User> {
  const row: UserRow = {
    id: randomUUID(),
    email: u.email,
    handle: u.handle,
    name: u.name,
    password_hash: u.passwordHash,
    role: u.role,
    banned: 0,
    public_upvotes: 0,
    verified_at: u.verified ? u.now.toISOString() : null,
    created_at: u.now.toISOString(),
    deleted_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** A user and their password hash by email (lower-cased), for sign-in. */
export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/** A user by id. */
export async function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The password hash of a user, for checks that must stay in step with it (confirmation links). */
export async function passwordHashOf(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

/** Handles of users by id (ids not found are left out). */
export async function handlesByIds(db: Kysely<DB>, ids: string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('users').select(['id', 'handle']).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.handle]));
}

/** A user by public handle. */
export async function findUserByHandle(db: Kysely<DB>, handle: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('handle', '=', handle.toLowerCase()).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Replaces the password hash of an account whose address is still unconfirmed (a no-op once confirmed). */
export async function replaceUnconfirmedPassword(db: Kysely<DB>, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).where('verified_at', 'is', null).execute();
}

/** Marks an address as confirmed by its owner; false when it already was. */
export async function markVerified(db: Kysely<DB>, userId: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('users').set({ verified_at: now.toISOString() }).where('id', '=', userId).where('verified_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores a session under the hash of its token. */
export async function insertSession(db: Kysely<DB>, s: { idHash: string; userId: string; now: Date; expiresAt: Date; userAgent?: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.now.toISOString(), expires_at: s.expiresAt.toISOString(), user_agent: s.userAgent?.slice(0, 300) ?? null })
    .execute();
}

/** The user of a live session (not expired, not banned). */
export async function userBySession(db: Kysely<DB>, idHash: string, now: Date): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.banned', '=', 0)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Ends one session. */
export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (password reset, ban). */
export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** How many live sessions a user has (each browser signed in). */
export async function countUserSessions(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const r = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Ends every session of a user but the one whose token hash is `keepHash`; returns how many ended. */
export async function deleteOtherSessions(db: Kysely<DB>, userId: string, keepHash: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepHash).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Revokes every live API token of a user (password reset). */
export async function revokeUserApiTokens(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** The user an API token belongs to, if the token is live; records its use. */
export async function userByApiToken(db: Kysely<DB>, tokenHash: string, now: Date): Promise<User | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select('api_tokens.id as token_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.banned', '=', 0)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  const { token_id: _t, ...user } = row;
  return toUser(user);
}

/** A user's API tokens (never the secrets). */
export async function listApiTokens(db: Kysely<DB>, userId: string) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}
