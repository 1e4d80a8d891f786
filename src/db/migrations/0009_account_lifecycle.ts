/**
 * Migration 0009: the end of an account and a change of its address. `users.deleted_at` marks an
 * account deleted by its owner or an administrator: the row stays, emptied, so the handle stays
 * reserved and the placeholders of its comments keep the thread together. `email_changes` holds
 * the pending moves to a new address, each under the hash of its mailed link's token (never the
 * token), single use and expiring. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.alterTable('users').addColumn('deleted_at', 'text').execute();
  await s
    .createTable('email_changes')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('old_email', 'text', (c) => c.notNull())
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await s.createIndex('email_changes_user').on('email_changes').column('user_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
