/**
 * Migration 0006: papers remember whether their feed date is a day a daily feed listed them
 * (Hugging Face's daily papers, a submission) or a date derived from arXiv, so that the daily
 * feed's day wins whichever source came first. Existing rows start as derived: the next Hugging
 * Face run over their day sets it. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('papers').addColumn('feed_date_daily', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
