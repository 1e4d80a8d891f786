/** Papers of a digest period, read once per period and shared by every subscriber's digest. */
import type { Kysely } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { orgNameColumn, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';

/**
 * Visible papers whose feed date is in [from, to], best first: `trending` (the stored score, which
 * halves every day) or `upvotes` (ties by trending), as the feeds rank a day and a week or month.
 */
export async function papersInPeriod(db: Kysely<DB>, from: string, to: string, order: 'trending' | 'upvotes' = 'trending'): Promise<Paper[]> {
  let q = db.selectFrom('papers').selectAll().select(orgNameColumn).where('feed_date', '>=', from).where('feed_date', '<=', to).where('hidden', '=', 0);
  q = order === 'upvotes' ? q.orderBy('upvotes', 'desc').orderBy('trending', 'desc') : q.orderBy('trending', 'desc').orderBy('upvotes', 'desc');
  const rows = await q.orderBy('id').execute();
  return rows.map(rowToPaper);
}
