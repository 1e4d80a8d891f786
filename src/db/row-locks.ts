/**
 * Row locks for writers that look before they insert (is there a live claim on this name, did
 * this person just post the same comment, how many items does this digest follow): in PostgreSQL a no-op update holds the row until the
 * transaction commits, so two such writers on one row take turns and the second sees what the
 * first wrote. SQLite transactions already run one at a time (they begin immediate). Call inside
 * a transaction.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/** Holds a paper's row until commit (its readers are not blocked). */
export async function lockPaper(db: Kysely<DB>, paperId: string): Promise<void> {
  await db.updateTable('papers').set({ hidden: sql`hidden` }).where('id', '=', paperId).execute();
}

/** Holds an account's row until commit (its readers are not blocked). */
export async function lockUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable('users').set({ banned: sql`banned` }).where('id', '=', userId).execute();
}

/** Holds a digest subscriber's row until commit (its readers are not blocked). */
export async function lockSubscriber(db: Kysely<DB>, subscriberId: string): Promise<void> {
  await db.updateTable('subscribers').set({ status: sql`status` }).where('id', '=', subscriberId).execute();
}
