/**
 * Migration 0004: delivery. Subscribers (double opt-in, delivery preferences), what each one
 * follows (topics, authors, organizations, arXiv categories), and the digest outbox: one row per
 * (subscriber, period), written before anything is sent, claimed with a lease while sending.
 * Also an index on papers.updated_at, the validator of feed conditional GETs. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('daily'))
    .addColumn('hour', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('weekends', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('max_papers', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('trending', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('bounced_at', 'text')
    .addColumn('bounce_reason', 'text')
    .execute();
  await s.createIndex('subscribers_status').on('subscribers').columns(['status', 'id']).execute();

  await s
    .createTable('subscriber_follows')
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriber_follows_pk', ['subscriber_id', 'kind', 'value'])
    .execute();

  await s
    .createTable('digest_outbox')
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('message_id', 'text')
    .addColumn('papers', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('digest_outbox_pk', ['subscriber_id', 'period'])
    .execute();
  await s.createIndex('digest_outbox_due').on('digest_outbox').columns(['status', 'next_attempt_at']).execute();

  await s.createIndex('papers_updated_at').on('papers').column('updated_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
