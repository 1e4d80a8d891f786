/**
 * Digest subscribers and what they follow: look-ups, opt-in state changes, preferences, and the
 * stream of active subscribers (keyset pages by id, so 100,000 of them never sit in memory).
 */
import type { Kysely, Selectable } from 'kysely';
import { type Follow, followKey } from '../core/digest.ts';
import type { DB, SubscribersTable } from './schema.ts';

export type Subscriber = Selectable<SubscribersTable>;

/** A subscriber with what it follows. */
export type SubscriberWithFollows = Subscriber & { follows: Follow[] };

/** Preferences a subscriber may change. */
export type SubscriberPrefs = Pick<Subscriber, 'frequency' | 'hour' | 'timezone' | 'weekends' | 'max_papers' | 'trending'>;

/** A subscriber by id. */
export async function getSubscriber(db: Kysely<DB>, id: string): Promise<Subscriber | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A subscriber by (normalized) address. */
export async function findSubscriberByEmail(db: Kysely<DB>, email: string): Promise<Subscriber | undefined> {
  return db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Adds a pending subscriber; returns false if the address is already there (a race). */
export async function insertSubscriber(db: Kysely<DB>, row: { id: string; email: string; created_at: string; timezone?: string }): Promise<boolean> {
  const r = await db
    .insertInto('subscribers')
    .values({ ...row, status: 'pending' })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Changes columns of a subscriber. */
export async function updateSubscriber(db: Kysely<DB>, id: string, patch: Partial<Omit<Subscriber, 'id' | 'email' | 'created_at'>>): Promise<void> {
  await db.updateTable('subscribers').set(patch).where('id', '=', id).execute();
}

/** What a subscriber follows, in a stable order. */
export async function listFollows(db: Kysely<DB>, id: string): Promise<Follow[]> {
  return db.selectFrom('subscriber_follows').select(['kind', 'value']).where('subscriber_id', '=', id).orderBy('kind').orderBy('value').execute();
}

/** Replaces what a subscriber follows (run inside a transaction). */
export async function replaceFollows(db: Kysely<DB>, id: string, follows: Follow[]): Promise<void> {
  await db.deleteFrom('subscriber_follows').where('subscriber_id', '=', id).execute();
  // Once each, in any case: "Song Han" and "song han" are one item.
  const seen = new Set<string>();
  const rows = follows.filter((f) => !seen.has(followKey(f)) && seen.add(followKey(f)));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('subscriber_follows')
      .values(rows.slice(i, i + 200).map((f) => ({ subscriber_id: id, kind: f.kind, value: f.value })))
      .execute();
  }
}

/** Adds one followed item; false when it was there already (a follow sent twice at once). */
export async function addFollow(db: Kysely<DB>, id: string, follow: Follow): Promise<boolean> {
  const r = await db
    .insertInto('subscriber_follows')
    .values({ subscriber_id: id, kind: follow.kind, value: follow.value })
    .onConflict((oc) => oc.columns(['subscriber_id', 'kind', 'value']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** One page of active subscribers after an id, each with what it follows. */
export async function activeSubscribersAfter(db: Kysely<DB>, afterId: string, limit: number): Promise<SubscriberWithFollows[]> {
  const subs = await db.selectFrom('subscribers').selectAll().where('status', '=', 'active').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  if (subs.length === 0) return [];
  const follows = await db
    .selectFrom('subscriber_follows')
    .select(['subscriber_id', 'kind', 'value'])
    .where('subscriber_id', 'in', subs.map((s) => s.id))
    .orderBy('subscriber_id')
    .orderBy('kind')
    .orderBy('value')
    .execute();
  const by = new Map<string, Follow[]>();
  for (const f of follows) {
    let list = by.get(f.subscriber_id);
    if (!list) by.set(f.subscriber_id, (list = []));
    list.push({ kind: f.kind, value: f.value });
  }
  return subs.map((s) => ({ ...s, follows: by.get(s.id) ?? [] }));
}

/** Subscribers by id (any status), with what they follow. */
export async function subscribersWithFollows(db: Kysely<DB>, ids: string[]): Promise<Map<string, SubscriberWithFollows>> {
  const out = new Map<string, SubscriberWithFollows>();
  if (ids.length === 0) return out;
  const subs = await db.selectFrom('subscribers').selectAll().where('id', 'in', ids).execute();
  for (const s of subs) out.set(s.id, { ...s, follows: [] });
  const follows = await db.selectFrom('subscriber_follows').select(['subscriber_id', 'kind', 'value']).where('subscriber_id', 'in', ids).orderBy('kind').orderBy('value').execute();
  for (const f of follows) out.get(f.subscriber_id)?.follows.push({ kind: f.kind, value: f.value });
  return out;
}
