/**
 * The browsers an account is signed in on: how many, and signing out of all of them but this one
 * (a laptop left signed in somewhere). API tokens are not sessions and stay.
 */
import type { Kysely } from 'kysely';
import { countUserSessions, deleteOtherSessions, type User } from '../db/users.ts';
import type { DB } from '../db/schema.ts';
import { hashToken } from '../security/tokens.ts';

/** Live sessions of the account, this one included. */
export function sessionCount(db: Kysely<DB>, user: User, now: Date): Promise<number> {
  return countUserSessions(db, user.id, now);
}

/** Ends the account's other sessions (`session` is this browser's token); returns how many ended. */
export function signOutElsewhere(db: Kysely<DB>, user: User, session: string): Promise<number> {
  return deleteOtherSessions(db, user.id, hashToken(session));
}
