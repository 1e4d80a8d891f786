/**
 * Migration 0011: mail that tells people someone answered them. `reply_outbox` holds one row per
 * (recipient, comment), written in the comment's transaction and sent after a short delay, claimed
 * with a lease as the digest outbox is. `reply_mail_settings` holds an account's choice and the
 * bounce of its address; an account without a row gets the mails (the default, for accounts old
 * and new). Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('reply_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('message_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('reply_outbox_recipient_comment', ['recipient_id', 'comment_id'])
    .execute();
  await s.createIndex('reply_outbox_due').on('reply_outbox').columns(['status', 'next_attempt_at']).execute();
  await s.createIndex('reply_outbox_recipient').on('reply_outbox').columns(['recipient_id', 'status', 'finished_at']).execute();
  await s.createIndex('reply_outbox_comment').on('reply_outbox').column('comment_id').execute();

  await s
    .createTable('reply_mail_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('bounced_at', 'text')
    .addColumn('bounce_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
