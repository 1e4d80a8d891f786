/** Test subscribers: stored directly (already confirmed unless told otherwise), with follows. */
import type { Kysely } from 'kysely';
import type { Follow } from '../src/core/digest.ts';
import type { DB, SubscribersTable } from '../src/db/schema.ts';
import { replaceFollows } from '../src/db/subscribers.ts';

let n = 0;

/** Stores a subscriber (active, daily at 08:00 UTC by default) and returns its id. */
export async function addSubscriber(
  db: Kysely<DB>,
  over: Partial<{ email: string; status: SubscribersTable['status']; frequency: 'daily' | 'weekly'; hour: number; timezone: string; weekends: number; max_papers: number; trending: number }> = {},
  follows: Follow[] = [],
): Promise<string> {
  n++;
  const id = `sub${String(n).padStart(6, '0')}${Math.random().toString(36).slice(2, 6)}`;
  await db
    .insertInto('subscribers')
    .values({
      id,
      email: over.email ?? `reader${n}@example.org`,
      status: over.status ?? 'active',
      frequency: over.frequency ?? 'daily',
      hour: over.hour ?? 8,
      timezone: over.timezone ?? 'UTC',
      weekends: over.weekends ?? 1,
      max_papers: over.max_papers ?? 10,
      trending: over.trending ?? 1,
      created_at: '2026-08-01T00:00:00.000Z',
      confirmed_at: '2026-08-01T00:00:00.000Z',
    })
    .execute();
  if (follows.length > 0) await replaceFollows(db, id, follows);
  return id;
}
