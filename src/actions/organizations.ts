/**
 * Organizations: site admins create them and assign papers to them; site admins and the
 * organization's own admins invite members (org-invitations.ts: nobody becomes a member without
 * accepting) and remove them, and members may leave. The CLI acts as a site admin (it runs on the
 * server) and adds members directly, for an administrator acting on the member's own request.
 * Each change is recorded in the audit log, in the transaction that makes it.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import type { PastEnd } from '../core/past-end.ts';
import { normalizeArxivId, type Paper } from '../core/paper.ts';
import { recordAudit } from '../db/audit.ts';
import { deleteInvitation } from '../db/org-invitations.ts';
import * as store from '../db/organizations.ts';
import type { Organization, OrgRole } from '../db/organizations.ts';
import type { DB } from '../db/schema.ts';
import { findUserByEmail, findUserByHandle, type User } from '../db/users.ts';
import { parseInput } from './accounts.ts';

export type { Organization } from '../db/organizations.ts';

/** Who acts: a signed-in user, or the command line (trusted like a site admin). */
export type Actor = User | 'cli';

const isSiteAdmin = (a: Actor): boolean => a === 'cli' || a.role === 'admin';

/** The actor as the audit log records it (null: the command line). */
export const auditActor = (a: Actor): string | null => (a === 'cli' ? null : a.id);

function requireSiteAdmin(actor: Actor): void {
  if (!isSiteAdmin(actor)) throw new AppError(403, 'forbidden', 'Only administrators can do that.');
}

const orgInput = z.object({
  handle: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,38}$/, 'A handle is 1 to 39 lower-case letters, digits or dashes, starting with a letter or digit'),
  name: z.string().trim().min(1, 'Give the organization a name').max(120, 'Use at most 120 characters for the name'),
  description: z.string().trim().max(2000).optional(),
});

/** Creates an organization (site admins). */
export async function createOrganization(db: Kysely<DB>, actor: Actor, input: unknown, now: Date): Promise<Organization> {
  requireSiteAdmin(actor);
  const o = parseInput(orgInput, input);
  const taken = (): AppError => new AppError(409, 'handle_taken', `There is already an organization @${o.handle}.`);
  if (await store.findOrganization(db, o.handle)) throw taken();
  return db.transaction().execute(async (trx) => {
    const org = await store.insertOrganization(trx, { handle: o.handle, name: o.name, description: o.description ?? '', now });
    if (!org) throw taken();
    await recordAudit(trx, { actorId: auditActor(actor), action: 'create_org', targetType: 'organization', targetId: org.handle, detail: org.name }, now);
    return org;
  });
}

/** An organization by handle, or a 404. */
export async function getOrganization(db: Kysely<DB>, handle: string): Promise<Organization> {
  const org = await store.findOrganization(db, handle);
  if (!org) throw notFound(`There is no organization @${handle.slice(0, 40)}.`);
  return org;
}

/** What an organization's page (and its API) shows: one page of its papers, newest first, its totals and members. */
export interface OrganizationView {
  org: Organization;
  papers: Paper[];
  total: number;
  upvotes: number;
  members: Awaited<ReturnType<typeof store.orgMembers>>;
  page: number;
  pages: number;
}

/** One page of an organization's papers with its members; past the last page a 404, or (`pastEnd: 'empty'`, the API) no papers. */
export async function viewOrganization(db: Kysely<DB>, handle: string, page: number, perPage: number, pastEnd: PastEnd = 'notFound'): Promise<OrganizationView> {
  const org = await getOrganization(db, handle);
  const [listed, members] = await Promise.all([store.orgPapers(db, org, { limit: perPage, offset: (page - 1) * perPage }), store.orgMembers(db, org.handle)]);
  const pages = Math.max(1, Math.ceil(listed.total / perPage));
  if (page > pages && pastEnd === 'notFound') throw notFound(`${org.name} has ${pages} page${pages === 1 ? '' : 's'} of papers.`);
  return { org, ...listed, members, page, pages };
}

/**
 * Assigns papers (ids, arXiv ids or arxiv.org links) to an organization (site admins); returns how
 * many were assigned and the ids, as given, that name no paper.
 */
export async function assignOrgPapers(db: Kysely<DB>, actor: Actor, handle: string, ids: string[], now: Date): Promise<{ assigned: number; notFound: string[] }> {
  requireSiteAdmin(actor);
  const org = await getOrganization(db, handle);
  const keyOf = (i: string): string => normalizeArxivId(i) ?? i.trim();
  const clean = [...new Set(ids.map(keyOf).filter((i) => i.length > 0 && i.length <= 300))];
  if (clean.length === 0) throw badRequest('no_papers', 'List at least one paper id.');
  return db.transaction().execute(async (trx) => {
    const known = await store.knownPaperKeys(trx, clean);
    const found = clean.filter((k) => known.has(k));
    const n = await store.assignPapers(trx, org.handle, found);
    // The log names only the papers assigned, not the ids that name none.
    if (n > 0) await recordAudit(trx, { actorId: auditActor(actor), action: 'assign_papers', targetType: 'organization', targetId: org.handle, detail: found.join(' ').slice(0, 2000) }, now);
    return { assigned: n, notFound: [...new Set(ids.filter((i) => !known.has(keyOf(i))))] };
  });
}

/**
 * The account an "invite" field names: "@handle" (or a bare handle), or, for site admins, an
 * email address. Organization admins are ordinary users: looking accounts up by address would
 * tell them which addresses have one.
 */
export async function memberNamed(db: Kysely<DB>, raw: unknown, byEmail: boolean): Promise<User> {
  const text = typeof raw === 'string' ? raw.trim().slice(0, 254) : '';
  if (!text || text === '@') throw badRequest('invalid_input', byEmail ? 'Enter a @handle or an email address.' : 'Enter a @handle.');
  if (text.startsWith('@') || !text.includes('@')) {
    const handle = text.replace(/^@/, '');
    const user = await findUserByHandle(db, handle);
    if (!user) throw notFound(`There is no account @${handle}.`);
    return user;
  }
  if (!byEmail) throw badRequest('handle_needed', 'Invite people by their @handle, shown on their profile page (only site administrators can name people by email address).');
  const found = await findUserByEmail(db, text.toLowerCase());
  if (!found) throw notFound(`No account uses the address ${text}.`);
  return found.user;
}

/** Refuses anyone but site admins and the organization's admins (`what` they may do, for the message). */
export async function requireMemberManager(db: Kysely<DB>, actor: Actor, org: Organization, what: string): Promise<void> {
  if (isSiteAdmin(actor) || (actor !== 'cli' && (await store.memberRole(db, org.handle, actor.id)) === 'admin')) return;
  throw new AppError(403, 'forbidden', `Only administrators of this organization can ${what}.`);
}

/** What add-member did: the account, its role now, and its role before when it was a member already. */
export interface AddedMember {
  user: User;
  role: OrgRole;
  was?: OrgRole;
}

/**
 * Adds a member by @handle or email, or changes a member's role, without an invitation: only the
 * command line does, for an administrator acting on the member's request. Any invitation of that
 * account to the organization is answered by it. As the site's member form, it refuses (409
 * already_member) an account that already has that role, and says which role a member had when
 * it changes it ("member" when no role is named).
 */
export async function addOrgMember(db: Kysely<DB>, actor: 'cli', handle: string, input: { member: unknown; role?: unknown }, now: Date): Promise<AddedMember> {
  const org = await getOrganization(db, handle);
  const user = await memberNamed(db, input.member, true);
  const role: OrgRole = input.role === 'admin' ? 'admin' : 'member';
  return db.transaction().execute(async (trx) => {
    const was = await store.memberRole(trx, org.handle, user.id);
    if (was === role) throw new AppError(409, 'already_member', `@${user.handle} is already ${role === 'admin' ? 'an admin' : 'a member'} of ${org.name}.`);
    await store.upsertMember(trx, { handle: org.handle, userId: user.id, role, now });
    await deleteInvitation(trx, org.handle, user.id);
    const audit = was ? { action: 'change_org_role', detail: `@${user.handle} to ${role}` } : { action: 'add_org_member', detail: `@${user.handle} as ${role}` };
    await recordAudit(trx, { actorId: auditActor(actor), targetType: 'organization', targetId: org.handle, ...audit }, now);
    return was ? { user, role, was } : { user, role };
  });
}

/**
 * Takes a member off an organization: its admins and site admins may remove anyone, and every
 * member may leave (nobody stays listed under an organization against their will). A 404 when
 * the account is not a member.
 */
export async function removeOrgMember(db: Kysely<DB>, actor: Actor, handle: string, memberHandle: string, now: Date): Promise<void> {
  const org = await getOrganization(db, handle);
  const user = await findUserByHandle(db, memberHandle.replace(/^@/, ''));
  const self = actor !== 'cli' && user?.id === actor.id;
  if (!self) await requireMemberManager(db, actor, org, 'remove members');
  if (!user || !(await store.memberRole(db, org.handle, user.id))) throw notFound(`@${memberHandle.replace(/^@/, '').slice(0, 40)} is not a member of ${org.name}.`);
  await db.transaction().execute(async (trx) => {
    await store.deleteMember(trx, org.handle, user.id);
    await recordAudit(trx, { actorId: auditActor(actor), action: 'remove_org_member', targetType: 'organization', targetId: org.handle, detail: self ? `@${user.handle} left` : `@${user.handle}` }, now);
  });
}

/** Whether a user may manage an organization's members (site admin or org admin). */
export async function canManageMembers(db: Kysely<DB>, user: User | undefined, handle: string): Promise<boolean> {
  if (!user) return false;
  return user.role === 'admin' || (await store.memberRole(db, handle, user.id)) === 'admin';
}
