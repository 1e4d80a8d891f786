/**
 * Pending moves of accounts to new addresses, each stored under the hash of its link's token:
 * recorded when asked for, claimed once (the claim is the statement that checks it), and voided
 * together when the account asks again or moves; a move also voids the reset links mailed to the
 * address it leaves.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, EmailChangesTable } from './schema.ts';

export type EmailChange = Selectable<EmailChangesTable>;

/** Records a pending move; earlier ones of the account stop working (one live link at a time). */
export async function insertEmailChange(db: Kysely<DB>, c: { tokenHash: string; userId: string; oldEmail: string; newEmail: string; now: Date; expiresAt: Date }): Promise<void> {
  await voidEmailChanges(db, c.userId, c.now);
  await db
    .insertInto('email_changes')
    .values({ token_hash: c.tokenHash, user_id: c.userId, old_email: c.oldEmail, new_email: c.newEmail, created_at: c.now.toISOString(), expires_at: c.expiresAt.toISOString() })
    .execute();
}

/** The live (unused, unexpired) move stored under a token hash, without using it. */
export async function liveEmailChange(db: Kysely<DB>, tokenHash: string, now: Date): Promise<EmailChange | undefined> {
  return db.selectFrom('email_changes').selectAll().where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
}

/** Uses a live move; undefined when it was used, voided or expired meanwhile. Call inside a transaction. */
export async function claimEmailChange(db: Kysely<DB>, tokenHash: string, now: Date): Promise<EmailChange | undefined> {
  return db
    .updateTable('email_changes')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returningAll()
    .executeTakeFirst();
}

/** Voids every pending move of an account. */
export async function voidEmailChanges(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.updateTable('email_changes').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Voids every unused password reset link of an account (they were mailed to an address it left). */
export async function voidPasswordResets(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
