/**
 * Collections in the store: a user's named lists of papers (private or public) and their items
 * in a user-chosen order. Access rules live in actions/collections.ts; these functions trust
 * their caller. A paper a moderator hid stays in the collections holding it (it returns if shown
 * again) but is not counted or listed as one of their papers.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CollectionsTable, DB } from './schema.ts';

/** A collection as the rest of the program sees it. */
export interface Collection {
  id: string;
  userId: string;
  name: string;
  description: string;
  public: boolean;
  createdAt: string;
  updatedAt: string;
  /** Number of papers in it that are shown (filled by the list functions and findCollection). */
  itemCount: number;
}

const toCollection = (r: Selectable<CollectionsTable>, itemCount: number): Collection => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  description: r.description,
  public: r.public === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  itemCount,
});

/** Creates a collection. */
export async function insertCollection(db: Kysely<DB>, c: { userId: string; name: string; description: string; public: boolean; now: Date }): Promise<Collection> {
  const row = { id: randomUUID(), user_id: c.userId, name: c.name, description: c.description, public: c.public ? 1 : 0, created_at: c.now.toISOString(), updated_at: c.now.toISOString() };
  await db.insertInto('collections').values(row).execute();
  return toCollection(row, 0);
}

/** A collection by id with its item count. */
export async function findCollection(db: Kysely<DB>, id: string): Promise<Collection | undefined> {
  const row = await db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const n = await db
    .selectFrom('collection_items')
    .innerJoin('papers', 'papers.id', 'collection_items.paper_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection_id', '=', id)
    .where('papers.hidden', '=', 0)
    .executeTakeFirstOrThrow();
  return toCollection(row, Number(n.n));
}

/** The user's collection of this name created since `since` (the first, if several), with its item count. */
export async function findCollectionNamed(db: Kysely<DB>, userId: string, name: string, since: string): Promise<Collection | undefined> {
  const row = await db.selectFrom('collections').select('id').where('user_id', '=', userId).where('name', '=', name).where('created_at', '>=', since).orderBy('created_at').orderBy('id').executeTakeFirst();
  return row ? findCollection(db, row.id) : undefined;
}

/** How many collections a user has. */
export async function countUserCollections(db: Kysely<DB>, userId: string): Promise<number> {
  const r = await db.selectFrom('collections').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function listCollections(db: Kysely<DB>, userId: string, publicOnly: boolean): Promise<Collection[]> {
  let q = db
    .selectFrom('collections')
    .selectAll('collections')
    .select((eb) =>
      eb
        .selectFrom('collection_items')
        .innerJoin('papers', 'papers.id', 'collection_items.paper_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('collection_items.collection_id', '=', 'collections.id')
        .where('papers.hidden', '=', 0)
        .as('item_count'),
    )
    .where('user_id', '=', userId);
  if (publicOnly) q = q.where('public', '=', 1);
  const rows = await q.orderBy('updated_at', 'desc').orderBy('id').execute();
  return rows.map(({ item_count, ...r }) => toCollection(r, Number(item_count ?? 0)));
}

/** Every collection of a user, most recently changed first (for their own pages). */
export function listUserCollections(db: Kysely<DB>, userId: string): Promise<Collection[]> {
  return listCollections(db, userId, false);
}

/** A user's public collections, most recently changed first (for their profile). */
export function listPublicCollections(db: Kysely<DB>, userId: string): Promise<Collection[]> {
  return listCollections(db, userId, true);
}

/** Changes name, description or visibility. */
export async function updateCollection(db: Kysely<DB>, id: string, set: { name?: string; description?: string; public?: boolean }, now: Date): Promise<void> {
  await db
    .updateTable('collections')
    .set({
      ...(set.name !== undefined ? { name: set.name } : {}),
      ...(set.description !== undefined ? { description: set.description } : {}),
      ...(set.public !== undefined ? { public: set.public ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a collection and its items. */
export async function deleteCollection(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('collection_items').where('collection_id', '=', id).execute();
  await db.deleteFrom('collections').where('id', '=', id).execute();
}

/** The paper ids of a collection, in order, hidden papers included. */
export async function collectionPaperIds(db: Kysely<DB>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('collection_items').select('paper_id').where('collection_id', '=', id).orderBy('position').orderBy('added_at').execute();
  return rows.map((r) => r.paper_id);
}

/** A collection's papers in order, each with whether a moderator hid it. */
export async function collectionItems(db: Kysely<DB>, id: string): Promise<{ paperId: string; hidden: boolean }[]> {
  const rows = await db
    .selectFrom('collection_items')
    .innerJoin('papers', 'papers.id', 'collection_items.paper_id')
    .select(['collection_items.paper_id', 'papers.hidden'])
    .where('collection_items.collection_id', '=', id)
    .orderBy('collection_items.position')
    .orderBy('collection_items.added_at')
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, hidden: r.hidden !== 0 }));
}

/** Appends a paper (no-op when it is already in); returns whether it was added. */
export async function addCollectionItem(db: Kysely<DB>, id: string, paperId: string, now: Date): Promise<boolean> {
  const there = await db.selectFrom('collection_items').select('paper_id').where('collection_id', '=', id).where('paper_id', '=', paperId).executeTakeFirst();
  if (there) return false;
  const max = await db.selectFrom('collection_items').select((eb) => eb.fn.max('position').as('m')).where('collection_id', '=', id).executeTakeFirst();
  // The same paper added twice at once: the primary key keeps one, and the later add changes nothing.
  const r = await db
    .insertInto('collection_items')
    .values({ collection_id: id, paper_id: paperId, position: Number(max?.m ?? -1) + 1, added_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await db.updateTable('collections').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
  return true;
}

/** Removes a paper; returns whether it was there. */
export async function removeCollectionItem(db: Kysely<DB>, id: string, paperId: string, now: Date): Promise<boolean> {
  const r = await db.deleteFrom('collection_items').where('collection_id', '=', id).where('paper_id', '=', paperId).executeTakeFirst();
  await db.updateTable('collections').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
  return Number(r.numDeletedRows) > 0;
}

/** Stores a new order: position i for paperIds[i] (the caller checked it is a permutation). */
export async function setCollectionOrder(db: Kysely<DB>, id: string, paperIds: string[], now: Date): Promise<void> {
  for (const [i, paperId] of paperIds.entries()) {
    await db.updateTable('collection_items').set({ position: i }).where('collection_id', '=', id).where('paper_id', '=', paperId).execute();
  }
  await db.updateTable('collections').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Which of a user's collections hold a paper (for the save form on its page). */
export async function collectionsHolding(db: Kysely<DB>, userId: string, paperId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('collection_items')
    .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
    .select('collections.id')
    .where('collections.user_id', '=', userId)
    .where('collection_items.paper_id', '=', paperId)
    .execute();
  return new Set(rows.map((r) => r.id));
}
