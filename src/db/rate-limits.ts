/**
 * Rate-limit counters in the store, so every node of a deployment counts the same requests:
 * a fixed window per key, reset when it has passed.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Counts one hit for a key and returns the count in the current window and when the window
 * started. One statement per step; a lost race on a brand-new key is retried once.
 */
export async function countHit(db: Kysely<DB>, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: number }> {
  const start = new Date(now.getTime() - windowMs).toISOString();
  for (let attempt = 0; ; attempt++) {
    const updated = await db
      .updateTable('rate_limits')
      .set((eb) => ({
        count: eb.case().when('window_start', '<', start).then(1).else(sql<number>`count + 1`).end(),
        window_start: eb.case().when('window_start', '<', start).then(now.toISOString()).else(eb.ref('window_start')).end(),
      }))
      .where('key', '=', key)
      .returning(['count', 'window_start'])
      .executeTakeFirst();
    if (updated) return { count: Number(updated.count), windowStart: Date.parse(updated.window_start) };
    const inserted = await db
      .insertInto('rate_limits')
      .values({ key, count: 1, window_start: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 || attempt > 0) return { count: 1, windowStart: now.getTime() };
  }
}

/** Takes back one hit of a key (an attempt that turned out not to count, like a sign-in that succeeded). */
export async function refundHit(db: Kysely<DB>, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`count - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}
