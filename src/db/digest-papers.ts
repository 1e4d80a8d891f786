/** Papers of a digest period, read once per period and shared by every subscriber's digest. */
import type { Kysely } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { orgNameColumn, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';

/** Visible papers whose feed date is in [from, to], trending first. */
export async function papersInPeriod(db: Kysely<DB>, from: string, to: string): Promise<Paper[]> {
  const rows = await db
    .selectFrom('papers')
    .selectAll()
    .select(orgNameColumn)
    .where('feed_date', '>=', from)
    .where('feed_date', '<=', to)
    .where('hidden', '=', 0)
    .orderBy('trending', 'desc')
    .orderBy('upvotes', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(rowToPaper);
}
