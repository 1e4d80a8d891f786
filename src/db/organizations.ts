/**
 * Organizations in the store: a handle and a name, their members (with an org role: "admin" may
 * invite and remove members) and the papers assigned to them (papers.org_handle). An organization's papers are
 * those assigned to it plus those whose free-text organization matches its name.
 */
import type { Kysely } from 'kysely';
import { nameKey, type Paper } from '../core/paper.ts';
import { ofOrganization } from './paper-names.ts';
import { orgNameColumn, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';

/** An organization. */
export interface Organization {
  handle: string;
  name: string;
  description: string;
  createdAt: string;
}

export type OrgRole = 'member' | 'admin';

/** Creates an organization; undefined when the handle is taken (two creations at once). */
export async function insertOrganization(db: Kysely<DB>, o: { handle: string; name: string; description: string; now: Date }): Promise<Organization | undefined> {
  const r = await db
    .insertInto('organizations')
    .values({ handle: o.handle, name: o.name, description: o.description, created_at: o.now.toISOString() })
    .onConflict((oc) => oc.column('handle').doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
  return { handle: o.handle, name: o.name, description: o.description, createdAt: o.now.toISOString() };
}

/** An organization by handle. */
export async function findOrganization(db: Kysely<DB>, handle: string): Promise<Organization | undefined> {
  const r = await db.selectFrom('organizations').selectAll().where('handle', '=', handle.toLowerCase()).executeTakeFirst();
  return r ? { handle: r.handle, name: r.name, description: r.description, createdAt: r.created_at } : undefined;
}

/** The organization with this name, in any case (there are few: they are compared here). */
export async function findOrganizationByName(db: Kysely<DB>, name: string): Promise<Organization | undefined> {
  const key = nameKey(name);
  return (await listOrganizations(db)).find((o) => nameKey(o.name) === key);
}

/** Every organization, by name. */
export async function listOrganizations(db: Kysely<DB>): Promise<Organization[]> {
  const rows = await db.selectFrom('organizations').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ handle: r.handle, name: r.name, description: r.description, createdAt: r.created_at }));
}

/** Members with their public handle and name, org admins first. */
export async function orgMembers(db: Kysely<DB>, handle: string): Promise<{ userId: string; handle: string; name: string; role: OrgRole }[]> {
  const rows = await db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.id', 'users.handle', 'users.name', 'org_members.role'])
    .where('org_members.org_handle', '=', handle)
    .orderBy('org_members.role')
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, handle: r.handle, name: r.name, role: r.role === 'admin' ? 'admin' : 'member' }));
}

/** The organizations a user is a member of, by name, with their role. */
export async function organizationsOf(db: Kysely<DB>, userId: string): Promise<{ handle: string; name: string; role: OrgRole }[]> {
  const rows = await db
    .selectFrom('org_members')
    .innerJoin('organizations', 'organizations.handle', 'org_members.org_handle')
    .select(['organizations.handle', 'organizations.name', 'org_members.role'])
    .where('org_members.user_id', '=', userId)
    .orderBy('organizations.name')
    .execute();
  return rows.map((r) => ({ handle: r.handle, name: r.name, role: r.role === 'admin' ? 'admin' : 'member' }));
}

/** A user's role in an organization, if they are a member. */
export async function memberRole(db: Kysely<DB>, handle: string, userId: string): Promise<OrgRole | undefined> {
  const r = await db.selectFrom('org_members').select('role').where('org_handle', '=', handle).where('user_id', '=', userId).executeTakeFirst();
  return r ? (r.role === 'admin' ? 'admin' : 'member') : undefined;
}

/** Adds a member, or changes the role of an existing one. */
export async function upsertMember(db: Kysely<DB>, m: { handle: string; userId: string; role: OrgRole; now: Date }): Promise<void> {
  const r = await db.updateTable('org_members').set({ role: m.role }).where('org_handle', '=', m.handle).where('user_id', '=', m.userId).executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return;
  await db.insertInto('org_members').values({ org_handle: m.handle, user_id: m.userId, role: m.role, created_at: m.now.toISOString() }).execute();
}

/** Takes a user off an organization's members. */
export async function deleteMember(db: Kysely<DB>, handle: string, userId: string): Promise<void> {
  await db.deleteFrom('org_members').where('org_handle', '=', handle).where('user_id', '=', userId).execute();
}

/** Assigns papers to an organization; returns how many exist and were assigned. */
export async function assignPapers(db: Kysely<DB>, handle: string, paperIds: string[]): Promise<number> {
  if (paperIds.length === 0) return 0;
  const r = await db.updateTable('papers').set({ org_handle: handle }).where((eb) => eb.or([eb('id', 'in', paperIds), eb('arxiv_id', 'in', paperIds)])).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Which of these ids and arXiv ids name a paper in the store. */
export async function knownPaperKeys(db: Kysely<DB>, paperIds: string[]): Promise<Set<string>> {
  if (paperIds.length === 0) return new Set();
  const rows = await db.selectFrom('papers').select(['id', 'arxiv_id']).where((eb) => eb.or([eb('id', 'in', paperIds), eb('arxiv_id', 'in', paperIds)])).execute();
  return new Set(rows.flatMap((r) => [r.id, r.arxiv_id ?? '']).filter((k) => paperIds.includes(k)));
}

/** The organization's papers (assigned or named), newest in the feed first, and their total upvotes. */
export async function orgPapers(db: Kysely<DB>, org: Organization, page: { limit: number; offset: number } = { limit: 100, offset: 0 }): Promise<{ papers: Paper[]; total: number; upvotes: number }> {
  const mine = db
    .selectFrom('papers')
    .where('hidden', '=', 0)
    .where((eb) => ofOrganization(eb, org.handle, org.name));
  const sums = await mine.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('upvotes').as('up')]).executeTakeFirstOrThrow();
  const rows = await mine.selectAll().select(orgNameColumn).orderBy('feed_date', 'desc').orderBy('upvotes', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { papers: rows.map(rowToPaper), total: Number(sums.n), upvotes: Number(sums.up ?? 0) };
}
