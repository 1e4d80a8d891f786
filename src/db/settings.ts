/**
 * Site settings stored in the database, shared by every node: above all the secret that signs
 * tokens, made once at random on first use (never a built-in default).
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/** A named site setting, or undefined. */
export async function getSetting(db: Kysely<DB>, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Stores a named site setting, replacing its value. */
export async function putSetting(db: Kysely<DB>, name: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}

/** The settings whose names start with `prefix`, as name and value. */
export async function settingsStartingWith(db: Kysely<DB>, prefix: string): Promise<{ name: string; value: string }[]> {
  // LIKE with its wildcards escaped: a prefix is taken literally.
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.selectFrom('settings').select(['name', 'value']).where(sql<boolean>`name like ${pattern} escape '\\'`).orderBy('name').execute();
}

/** Removes a setting (nothing when there is none). */
export async function deleteSetting(db: Kysely<DB>, name: string): Promise<void> {
  await db.deleteFrom('settings').where('name', '=', name).execute();
}

/** Stores a setting only if it has no value yet; false when another writer stored one first. */
export async function putSettingIfAbsent(db: Kysely<DB>, name: string, value: string): Promise<boolean> {
  const r = await db
    .insertInto('settings')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Replaces a setting only if it still holds `expected` (one statement: of two writers, one wins). */
export async function replaceSetting(db: Kysely<DB>, name: string, expected: string, value: string): Promise<boolean> {
  const r = await db.updateTable('settings').set({ value }).where('name', '=', name).where('value', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A setting made once at random: the stored value, or a new one if there is none yet. */
async function randomOnce(db: Kysely<DB>, name: string, make: () => string): Promise<string> {
  const existing = await getSetting(db, name);
  if (existing) return existing;
  await putSettingIfAbsent(db, name, make());
  // Another node may have won the race: read back what is stored.
  return (await getSetting(db, name))!;
}

/** The signing secret: SECRET_KEY when configured, else the one stored (created on first use). */
export async function siteSecret(db: Kysely<DB>, configured?: string): Promise<string> {
  return configured || randomOnce(db, 'secret', () => randomBytes(32).toString('base64url'));
}

/** This store's identity: a random id made on first use, so files derived from it can tell it apart. */
export function storeId(db: Kysely<DB>): Promise<string> {
  return randomOnce(db, 'store_id', () => randomBytes(16).toString('hex'));
}
