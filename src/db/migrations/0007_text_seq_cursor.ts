/**
 * Migration 0007: the change stream's index covers its whole cursor, (text_seq, id), so a search
 * index following the store reads each page of changes as one range instead of sorting every
 * change of the current sequence number again for each page (one import batch shares a number).
 * Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('papers_text_seq_id').on('papers').columns(['text_seq', 'id']).execute();
  await db.schema.dropIndex('papers_text_seq').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
