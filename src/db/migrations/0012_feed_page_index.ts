/**
 * Migration 0012: an index holding everything a feed page of a date range sorts and filters on
 * (feed date, hidden flag, upvotes, trending score, publication date, id), so a page of a month,
 * however deep, is sorted from the index alone and only that page's rows are read from the table.
 * Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('papers_feed_page').on('papers').columns(['feed_date', 'hidden', 'upvotes', 'trending', 'published_on', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
