/**
 * Signing an account out of every browser but this one (a laptop left signed in somewhere). API
 * tokens are not sessions and stay. The settings page counts the sessions with countUserSessions.
 */
import type { Kysely } from 'kysely';
import { deleteOtherSessions, type User } from '../db/users.ts';
import type { DB } from '../db/schema.ts';
import { hashToken } from '../security/tokens.ts';

/** Ends the account's other sessions (`session` is this browser's token); returns how many ended. */
export function signOutElsewhere(db: Kysely<DB>, user: User, session: string): Promise<number> {
  return deleteOtherSessions(db, user.id, hashToken(session));
}
