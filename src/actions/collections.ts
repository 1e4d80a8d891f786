/**
 * Collections: a signed-in user's named lists of papers, private or public. Only the owner may
 * see a private collection (others get a 404, as if it did not exist) or change any collection
 * (others get a 403 on a public one). Pages and the JSON API call these same functions.
 * A paper a moderator hid is kept in its place but left out of what the owner sees, counts and
 * orders (the owner's page says how many are hidden): reordering lists the papers shown, and
 * moving a paper skips hidden ones.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { bibtexFile } from '../core/bibtex.ts';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { normalizeArxivId, type Paper } from '../core/paper.ts';
import { repeatsSince } from '../core/repeats.ts';
import * as store from '../db/collections.ts';
import type { Collection } from '../db/collections.ts';
import { findPaper, getPapers } from '../db/papers.ts';
import { lockUser } from '../db/row-locks.ts';
import type { DB } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { parseInput } from './accounts.ts';

export type { Collection } from '../db/collections.ts';

/** Most collections a user may have, and most papers in one. */
export const MAX_COLLECTIONS = 200;
export const MAX_ITEMS = 1000;

const flag = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'on', 'off', 'public', 'private'])]).transform((v) => v === true || v === '1' || v === 'true' || v === 'on' || v === 'public');
const fields = z.object({
  name: z.string().trim().min(1, 'Give the collection a name').max(100, 'Use at most 100 characters for the name'),
  description: z.string().trim().max(2000, 'Use at most 2,000 characters for the description').optional(),
  public: flag.optional(),
});
const patch = fields.partial();

/**
 * A collection the viewer may see (owner, or anyone when public); otherwise a 404. `hidden` counts
 * the papers a moderator hid, for the owner alone (0 for anyone else).
 */
export async function viewCollection(db: Kysely<DB>, viewer: User | undefined, id: string): Promise<{ collection: Collection; papers: Paper[]; owner: boolean; hidden: number }> {
  const c = await store.findCollection(db, id);
  const owner = c !== undefined && viewer?.id === c.userId;
  if (!c || (!c.public && !owner)) throw notFound('There is no such collection, or it is private.');
  const hidden = owner ? (await store.collectionItems(db, id)).filter((i) => i.hidden).length : 0;
  return { collection: c, papers: await getPapers(db, await store.collectionPaperIds(db, id)), owner, hidden };
}

/** The collection if the user owns it: 404 when they may not see it, 403 when they only may not change it. */
async function owned(db: Kysely<DB>, user: User, id: string): Promise<Collection> {
  const c = await store.findCollection(db, id);
  if (!c || (!c.public && c.userId !== user.id)) throw notFound('There is no such collection, or it is private.');
  if (c.userId !== user.id) throw new AppError(403, 'forbidden', 'Only the owner can change this collection.');
  return c;
}

/** A collection's name as compared with the user's others: names differing only in case or spaces are one. */
const nameKey = (name: string): string => name.trim().toLowerCase();

/** Refuses a name another of the user's collections (not `except`) has; call it with the user's row locked. */
async function requireFreeName(trx: Kysely<DB>, userId: string, name: string, except?: string): Promise<void> {
  // Compared here, not by a unique index: stores from before this rule may hold duplicates, which keep working.
  const same = (await store.listUserCollections(trx, userId)).find((c) => c.id !== except && nameKey(c.name) === nameKey(name));
  if (same) throw new AppError(409, 'collection_exists', `You already have a collection named “${same.name}”: choose another name.`);
}

/**
 * Creates a collection; one of the same name the user created a moment ago (a double click) is
 * answered instead (see core/repeats.ts), and a name the user already has otherwise is a 409.
 */
export async function createCollection(db: Kysely<DB>, user: User, input: unknown, now: Date): Promise<Collection> {
  const f = parseInput(fields, input);
  return db.transaction().execute(async (trx) => {
    // Two creations at once take turns, so the second finds the first.
    await lockUser(trx, user.id);
    const repeated = await store.findCollectionNamed(trx, user.id, f.name, repeatsSince(now));
    if (repeated) return repeated;
    await requireFreeName(trx, user.id, f.name);
    if ((await store.countUserCollections(trx, user.id)) >= MAX_COLLECTIONS) throw badRequest('too_many_collections', `You can have at most ${MAX_COLLECTIONS} collections.`);
    return store.insertCollection(trx, { userId: user.id, name: f.name, description: f.description ?? '', public: f.public ?? false, now });
  });
}

/** Changes a collection's name (not to one of the user's other collections', a 409), description or visibility. */
export async function editCollection(db: Kysely<DB>, user: User, id: string, input: unknown, now: Date): Promise<Collection> {
  const c = await owned(db, user, id);
  const f = parseInput(patch, input);
  await db.transaction().execute(async (trx) => {
    // A name kept as it was (in any case) is not checked: duplicates from before the rule stay editable.
    if (f.name !== undefined && nameKey(f.name) !== nameKey(c.name)) {
      // Two renames (or a rename and a creation) at once take turns, so the second sees the first's name.
      await lockUser(trx, user.id);
      await requireFreeName(trx, user.id, f.name, id);
    }
    await store.updateCollection(trx, id, { ...(f.name !== undefined ? { name: f.name } : {}), ...(f.description !== undefined ? { description: f.description } : {}), ...(f.public !== undefined ? { public: f.public } : {}) }, now);
  });
  return (await store.findCollection(db, id)) as Collection;
}

/** Deletes a collection with its items. */
export async function removeCollection(db: Kysely<DB>, user: User, id: string): Promise<void> {
  await owned(db, user, id);
  await db.transaction().execute((trx) => store.deleteCollection(trx, id));
}

/**
 * The paper an "add" names: an id as stored, or an arXiv id or link as people paste them; a 404
 * when no shown paper has it (so a form that would also create a collection can look first).
 */
export async function paperToSave(db: Kysely<DB>, paperId: unknown): Promise<Paper> {
  const raw = typeof paperId === 'string' && paperId.trim().length <= 300 ? paperId.trim() : '';
  const paper = raw ? ((await findPaper(db, raw)) ?? (await findPaper(db, normalizeArxivId(raw) ?? raw))) : undefined;
  if (!paper) throw notFound(raw ? `No paper here has the id ${raw.slice(0, 80)}; a paper from arXiv can be submitted first.` : 'Name a paper by its id or arXiv link.');
  return paper;
}

/** Adds a paper (by id or arXiv id) to the end; adding it again changes nothing. */
export async function addToCollection(db: Kysely<DB>, user: User, id: string, paperId: unknown, now: Date): Promise<{ collection: Collection; paper: Paper; added: boolean }> {
  const c = await owned(db, user, id);
  const paper = await paperToSave(db, paperId);
  if (c.itemCount >= MAX_ITEMS) throw badRequest('collection_full', `A collection holds at most ${MAX_ITEMS} papers.`);
  const added = await db.transaction().execute((trx) => store.addCollectionItem(trx, id, paper.id, now));
  return { collection: c, paper, added };
}

/** Removes a paper from a collection. */
export async function removeFromCollection(db: Kysely<DB>, user: User, id: string, paperId: string, now: Date): Promise<void> {
  await owned(db, user, id);
  if (!(await store.removeCollectionItem(db, id, paperId, now))) throw notFound('That paper is not in this collection.');
}

/**
 * Puts the papers in the given order: the list holds every paper of the collection that is shown,
 * once (hidden ones may be listed too, or left out: those left out keep their place).
 */
export async function reorderCollection(db: Kysely<DB>, user: User, id: string, paperIds: unknown, now: Date): Promise<string[]> {
  await owned(db, user, id);
  const order = parseInput(z.array(z.string().max(300)).max(MAX_ITEMS), paperIds);
  const items = await store.collectionItems(db, id);
  const current = items.map((i) => i.paperId);
  const shown = items.filter((i) => !i.hidden).map((i) => i.paperId);
  const listed = new Set(order);
  if (listed.size !== order.length || !order.every((p) => current.includes(p)) || !shown.every((p) => listed.has(p))) {
    throw badRequest('invalid_order', 'paperIds must list every paper of the collection exactly once.');
  }
  // The listed papers take, in the new order, the places listed papers had; the others stay put.
  const queue = [...order];
  const full = current.map((p) => (listed.has(p) ? (queue.shift() as string) : p));
  await db.transaction().execute((trx) => store.setCollectionOrder(trx, id, full, now));
  return order;
}

/** Moves one paper a place up or down among those shown (for the buttons that work without JavaScript). */
export async function moveInCollection(db: Kysely<DB>, user: User, id: string, paperId: string, direction: unknown, now: Date): Promise<string[]> {
  await owned(db, user, id);
  if (direction !== 'up' && direction !== 'down') throw badRequest('invalid_direction', 'Move a paper "up" or "down".');
  const items = await store.collectionItems(db, id);
  const order = items.map((i) => i.paperId);
  const shown = new Set(items.filter((i) => !i.hidden).map((i) => i.paperId));
  const i = order.indexOf(paperId);
  if (i < 0) throw notFound('That paper is not in this collection.');
  // The neighbour shown, past any hidden paper between them.
  let j = direction === 'up' ? i - 1 : i + 1;
  while (j >= 0 && j < order.length && !shown.has(order[j] as string)) j += direction === 'up' ? -1 : 1;
  if (j < 0 || j >= order.length) return order.filter((p) => shown.has(p));
  [order[i], order[j]] = [order[j] as string, order[i] as string];
  await db.transaction().execute((trx) => store.setCollectionOrder(trx, id, order, now));
  return order.filter((p) => shown.has(p));
}

/** The BibTeX file of a collection the viewer may see. */
export async function collectionBibtex(db: Kysely<DB>, viewer: User | undefined, id: string): Promise<{ collection: Collection; text: string }> {
  const { collection, papers } = await viewCollection(db, viewer, id);
  return { collection, text: bibtexFile(papers, `${collection.name}: ${papers.length} paper${papers.length === 1 ? '' : 's'}, exported from Paperboy`) };
}

/** The user's own collections (private and public). */
export function listMyCollections(db: Kysely<DB>, user: User): Promise<Collection[]> {
  return store.listUserCollections(db, user.id);
}

/** The user's collections and which of them hold a paper (for the save form on its page). */
export async function saveChoices(db: Kysely<DB>, user: User, paperId: string): Promise<{ collections: Collection[]; holding: Set<string> }> {
  return { collections: await store.listUserCollections(db, user.id), holding: await store.collectionsHolding(db, user.id, paperId) };
}
