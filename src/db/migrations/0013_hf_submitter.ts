/**
 * Migration 0013: a paper keeps the Hugging Face username of whoever put it in HF's daily feed
 * (`submittedOnDailyBy.user`), beside the display name `submitted_by` already held, so pages can
 * link to that person on Hugging Face. Existing rows start without it: the next import of their
 * day fills it. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('papers').addColumn('submitted_by_hf_user', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
