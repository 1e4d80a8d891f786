/**
 * Migration 0004: delivery (subscribers, follows, the digest outbox). Being written.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
