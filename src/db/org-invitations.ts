/**
 * Invitations to organizations in the store: one row per (organization, account), pending until
 * its owner answers. Accepting or withdrawing deletes the row; declining keeps it, marked with
 * when, so that a new invitation can wait (see core/org-invitations.ts). Every change is guarded
 * by the state it expects, so two answers to one invitation cannot both succeed. Invitations of
 * deleted or banned accounts are neither listed nor counted.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OrgRole } from './organizations.ts';
import type { DB } from './schema.ts';

/** An invitation as the actions see it. */
export interface Invitation {
  id: string;
  orgHandle: string;
  userId: string;
  role: OrgRole;
  status: 'pending' | 'declined';
  createdAt: string;
  declinedAt: string | null;
}

/** A pending invitation as a page lists it: the organization, the invited account and who invited it. */
export interface PendingInvitation {
  id: string;
  orgHandle: string;
  orgName: string;
  role: OrgRole;
  createdAt: string;
  user: { handle: string; name: string };
  /** Null when the inviter's account is gone. */
  invitedBy: { handle: string; name: string } | null;
}

const asRole = (r: string): OrgRole => (r === 'admin' ? 'admin' : 'member');

/** The invitation row of an account to an organization, in any state. */
export async function findInvitation(db: Kysely<DB>, orgHandle: string, userId: string): Promise<Invitation | undefined> {
  const r = await db.selectFrom('org_invitations').selectAll().where('org_handle', '=', orgHandle).where('user_id', '=', userId).executeTakeFirst();
  return r
    ? { id: r.id, orgHandle: r.org_handle, userId: r.user_id, role: asRole(r.role), status: r.status === 'declined' ? 'declined' : 'pending', createdAt: r.created_at, declinedAt: r.declined_at }
    : undefined;
}

/** Stores a pending invitation; false when the account already has a row for this organization. */
export async function insertInvitation(db: Kysely<DB>, i: { orgHandle: string; userId: string; role: OrgRole; invitedBy: string; now: Date }): Promise<boolean> {
  const r = await db
    .insertInto('org_invitations')
    .values({ id: randomUUID(), org_handle: i.orgHandle, user_id: i.userId, role: i.role, invited_by: i.invitedBy, status: 'pending', created_at: i.now.toISOString(), declined_at: null })
    .onConflict((oc) => oc.columns(['org_handle', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Turns a declined invitation into a new pending one (a new id: answers to the old one stay void); false if it is no longer declined. */
export async function renewInvitation(db: Kysely<DB>, id: string, i: { role: OrgRole; invitedBy: string; now: Date }): Promise<boolean> {
  const r = await db
    .updateTable('org_invitations')
    .set({ id: randomUUID(), role: i.role, invited_by: i.invitedBy, status: 'pending', created_at: i.now.toISOString(), declined_at: null })
    .where('id', '=', id)
    .where('status', '=', 'declined')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many invitations of an organization wait for an answer. */
export async function countPending(db: Kysely<DB>, orgHandle: string): Promise<number> {
  const r = await db
    .selectFrom('org_invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.org_handle', '=', orgHandle)
    .where('i.status', '=', 'pending')
    .where('u.deleted_at', 'is', null)
    .where('u.banned', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes a pending invitation of an organization (to the given account, when named); its role if there was one. */
export async function takePending(db: Kysely<DB>, id: string, orgHandle: string, userId?: string): Promise<{ userId: string; role: OrgRole } | undefined> {
  let q = db.deleteFrom('org_invitations').where('id', '=', id).where('org_handle', '=', orgHandle).where('status', '=', 'pending');
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  const r = await q.returning(['user_id', 'role']).executeTakeFirst();
  return r ? { userId: r.user_id, role: asRole(r.role) } : undefined;
}

/** Marks an account's pending invitation declined; false when it was not pending. */
export async function markDeclined(db: Kysely<DB>, id: string, orgHandle: string, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('org_invitations')
    .set({ status: 'declined', declined_at: now.toISOString() })
    .where('id', '=', id)
    .where('org_handle', '=', orgHandle)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Forgets any invitation of an account to an organization (it became a member another way). */
export async function deleteInvitation(db: Kysely<DB>, orgHandle: string, userId: string): Promise<void> {
  await db.deleteFrom('org_invitations').where('org_handle', '=', orgHandle).where('user_id', '=', userId).execute();
}

/** Pending invitations, oldest first: an organization's (`org`), an account's (`user`), or the one of an account to an organization (both). */
export async function listPending(db: Kysely<DB>, by: { org: string; user?: string } | { org?: string; user: string }): Promise<PendingInvitation[]> {
  let q = db
    .selectFrom('org_invitations as i')
    .innerJoin('organizations as o', 'o.handle', 'i.org_handle')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .leftJoin('users as by', (join) => join.onRef('by.id', '=', 'i.invited_by').on('by.deleted_at', 'is', null))
    .select(['i.id', 'i.org_handle', 'o.name as org_name', 'i.role', 'i.created_at', 'u.handle', 'u.name', 'by.handle as by_handle', 'by.name as by_name'])
    .where('i.status', '=', 'pending')
    .where('u.deleted_at', 'is', null)
    .where('u.banned', '=', 0);
  if (by.org !== undefined) q = q.where('i.org_handle', '=', by.org);
  if (by.user !== undefined) q = q.where('i.user_id', '=', by.user);
  const rows = await q.orderBy('i.created_at').orderBy('i.id').execute();
  return rows.map((r) => ({
    id: r.id,
    orgHandle: r.org_handle,
    orgName: r.org_name,
    role: asRole(r.role),
    createdAt: r.created_at,
    user: { handle: r.handle, name: r.name },
    invitedBy: r.by_handle !== null && r.by_name !== null ? { handle: r.by_handle, name: r.by_name } : null,
  }));
}
