/**
 * Invitations to organizations, so that nobody is listed as a member without consent. Site admins
 * and the organization's admins invite an account (by @handle; site admins also by email), which
 * is mailed the invitation; its owner accepts, becoming a member with the role the invitation
 * names, or declines; those who may invite may withdraw it while it waits. An organization has at
 * most MAX_PENDING_INVITATIONS waiting, a decline holds off the next invitation to the same account
 * for REINVITE_AFTER_DAYS, and an organization invites one account at most MAX_INVITES_PER_ACCOUNT
 * times in INVITES_WINDOW_DAYS (counted from the audit log, so withdrawn invitations count). An
 * account that is already a member is not invited: the same form changes its role. A banned
 * account is not invited, its waiting invitations are not listed, and it cannot accept one. Each
 * step is one transaction that writes its audit log entry.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../core/errors.ts';
import { INVITES_WINDOW_DAYS, inviteAgainFrom, invitesWindowStart, MAX_INVITES_PER_ACCOUNT, MAX_PENDING_INVITATIONS, reinviteWait } from '../core/org-invitations.ts';
import { auditTimes, recordAudit } from '../db/audit.ts';
import * as invitations from '../db/org-invitations.ts';
import type { PendingInvitation } from '../db/org-invitations.ts';
import { memberRole, type Organization, type OrgRole, upsertMember } from '../db/organizations.ts';
import type { DB } from '../db/schema.ts';
import { findUserById, type User } from '../db/users.ts';
import { parseInput } from './accounts.ts';
import { mailInvitation, type Notify } from './community-mails.ts';
import { canManageMembers, getOrganization, memberNamed, requireMemberManager } from './organizations.ts';
import { RateLimited } from './rate-limit.ts';

export type { PendingInvitation } from '../db/org-invitations.ts';

const roleInput = z.enum(['member', 'admin'], { error: 'Choose the role "member" or "admin".' }).default('member');

const gone = (): AppError => notFound('This invitation is no longer open: it was answered or withdrawn.');

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** The audit log's detail of an invitation: the invited account and the role. */
const inviteDetail = (handle: string, role: OrgRole): string => `@${handle} as ${role}`;

/** Refuses a new invitation with a 429 once the organization sent the account MAX_INVITES_PER_ACCOUNT within the window. */
async function requireInviteBudget(trx: Kysely<DB>, org: Organization, user: User, now: Date): Promise<void> {
  const details = (['member', 'admin'] as const).map((role) => inviteDetail(user.handle, role));
  const sent = await auditTimes(trx, { action: 'invite_org_member', targetType: 'organization', targetId: org.handle, details }, invitesWindowStart(now));
  const from = inviteAgainFrom(sent, now);
  if (!from) return;
  throw new RateLimited(
    Math.max(1, Math.ceil((from.getTime() - now.getTime()) / 1000)),
    'invitations',
    `${org.name} has invited @${user.handle} ${MAX_INVITES_PER_ACCOUNT} times in ${INVITES_WINDOW_DAYS} days, withdrawn invitations included; they can be invited again from ${day(from)}.`,
  );
}

/** Stores a pending invitation, within the organization's limits and the wait after a decline. */
async function invite(trx: Kysely<DB>, org: Organization, user: User, role: OrgRole, by: User, now: Date): Promise<void> {
  if (user.banned) throw new AppError(409, 'account_banned', `@${user.handle} is banned from this site and cannot be invited.`);
  if ((await invitations.countPending(trx, org.handle)) >= MAX_PENDING_INVITATIONS) {
    throw new AppError(409, 'too_many_invitations', `${org.name} has ${MAX_PENDING_INVITATIONS} invitations waiting for an answer: withdraw some, or wait for answers, before inviting more.`);
  }
  const already = new AppError(409, 'already_invited', `@${user.handle} is invited already; the invitation waits for their answer.`);
  const row = await invitations.findInvitation(trx, org.handle, user.id);
  if (row?.status === 'pending') throw already;
  const wait = row?.declinedAt ? reinviteWait(row.declinedAt, now) : undefined;
  if (wait) throw new AppError(409, 'declined_recently', `@${user.handle} declined an invitation to ${org.name} on ${day(new Date(row?.declinedAt ?? 0))}; they can be invited again from ${day(wait)}.`);
  await requireInviteBudget(trx, org, user, now);
  if (!row) {
    if (!(await invitations.insertInvitation(trx, { orgHandle: org.handle, userId: user.id, role, invitedBy: by.id, now }))) throw already;
    return;
  }
  if (!(await invitations.renewInvitation(trx, row.id, { role, invitedBy: by.id, now }))) throw already;
}

/** What an invitation did: the pending invitation it stored, or the member's new role. */
export type InviteResult = { done: 'invited'; user: User; role: OrgRole; orgName: string; invitation: PendingInvitation } | { done: 'role_changed'; user: User; role: OrgRole; orgName: string };

/**
 * Invites an account (site admins and the organization's admins), or changes the role of one that
 * is a member already ("member" when no role is named). Says which it did.
 */
export async function inviteOrgMember(db: Kysely<DB>, actor: User, handle: string, input: { member: unknown; role?: unknown }, now: Date, notify?: Notify): Promise<InviteResult> {
  const org = await getOrganization(db, handle);
  await requireMemberManager(db, actor, org, 'invite members');
  const user = await memberNamed(db, input.member, actor.role === 'admin');
  const role: OrgRole = parseInput(roleInput, input.role);
  const done = await db.transaction().execute(async (trx): Promise<InviteResult> => {
    const audit = (action: string, detail: string) => recordAudit(trx, { actorId: actor.id, action, targetType: 'organization', targetId: org.handle, detail }, now);
    const current = await memberRole(trx, org.handle, user.id);
    if (current === role) throw new AppError(409, 'already_member', `@${user.handle} is already ${role === 'admin' ? 'an admin' : 'a member'} of ${org.name}.`);
    if (current) {
      await upsertMember(trx, { handle: org.handle, userId: user.id, role, now });
      await audit('change_org_role', `@${user.handle} to ${role}`);
      return { done: 'role_changed', user, role, orgName: org.name };
    }
    await invite(trx, org, user, role, actor, now);
    await audit('invite_org_member', inviteDetail(user.handle, role));
    const [invitation] = await invitations.listPending(trx, { org: org.handle, user: user.id });
    if (!invitation) throw gone();
    return { done: 'invited', user, role, orgName: org.name, invitation };
  });
  // The invited account hears of it by mail, once the invitation is stored.
  if (done.done === 'invited' && notify) await mailInvitation(db, notify, user.id, done.invitation);
  return done;
}

/** An invitation once answered or withdrawn: its organization, the invited account and the role it named. */
export interface ClosedInvitation {
  orgHandle: string;
  orgName: string;
  handle: string;
  /** The invited account's name. */
  name: string;
  role: OrgRole;
}

/** Accepts one's own pending invitation: a member from now on. A 404 for any other invitation, a 403 for a banned account. */
export async function acceptOrgInvitation(db: Kysely<DB>, user: User, handle: string, id: string, now: Date): Promise<ClosedInvitation> {
  const org = await getOrganization(db, handle);
  if (user.banned) throw new AppError(403, 'account_banned', 'A banned account cannot join an organization.');
  return db.transaction().execute(async (trx) => {
    const taken = await invitations.takePending(trx, id, org.handle, user.id);
    if (!taken) throw gone();
    await upsertMember(trx, { handle: org.handle, userId: user.id, role: taken.role, now });
    await recordAudit(trx, { actorId: user.id, action: 'accept_org_invite', targetType: 'organization', targetId: org.handle, detail: `@${user.handle} as ${taken.role}` }, now);
    return { orgHandle: org.handle, orgName: org.name, handle: user.handle, name: user.name, role: taken.role };
  });
}

/** Declines one's own pending invitation. A 404 for any other invitation. */
export async function declineOrgInvitation(db: Kysely<DB>, user: User, handle: string, id: string, now: Date): Promise<ClosedInvitation> {
  const org = await getOrganization(db, handle);
  return db.transaction().execute(async (trx) => {
    const row = await invitations.findInvitation(trx, org.handle, user.id);
    if (row?.id !== id || !(await invitations.markDeclined(trx, id, org.handle, user.id, now))) throw gone();
    await recordAudit(trx, { actorId: user.id, action: 'decline_org_invite', targetType: 'organization', targetId: org.handle, detail: `@${user.handle}` }, now);
    return { orgHandle: org.handle, orgName: org.name, handle: user.handle, name: user.name, role: row.role };
  });
}

/** Withdraws a pending invitation (site admins and the organization's admins). */
export async function withdrawOrgInvitation(db: Kysely<DB>, actor: User, handle: string, id: string, now: Date): Promise<ClosedInvitation> {
  const org = await getOrganization(db, handle);
  await requireMemberManager(db, actor, org, 'withdraw invitations');
  return db.transaction().execute(async (trx) => {
    const taken = await invitations.takePending(trx, id, org.handle);
    if (!taken) throw gone();
    const invitee = await findUserById(trx, taken.userId);
    await recordAudit(trx, { actorId: actor.id, action: 'withdraw_org_invite', targetType: 'organization', targetId: org.handle, detail: `@${invitee?.handle ?? '?'}` }, now);
    return { orgHandle: org.handle, orgName: org.name, handle: invitee?.handle ?? '?', name: invitee?.name ?? '', role: taken.role };
  });
}

/** An account's pending invitations, oldest first. */
export async function invitationsOf(db: Kysely<DB>, user: User): Promise<PendingInvitation[]> {
  return invitations.listPending(db, { user: user.id });
}

/** An organization's pending invitations, for those who may invite (a 403 for anyone else, a 404 for no such organization). */
export async function pendingInvitationsTo(db: Kysely<DB>, actor: User, handle: string): Promise<PendingInvitation[]> {
  const org = await getOrganization(db, handle);
  await requireMemberManager(db, actor, org, 'see its invitations');
  return invitations.listPending(db, { org: org.handle });
}

/** An organization's pending invitations (an empty list for anyone who may not manage its members). */
export async function invitationsTo(db: Kysely<DB>, viewer: User | undefined, org: Organization): Promise<PendingInvitation[]> {
  return (await canManageMembers(db, viewer, org.handle)) ? invitations.listPending(db, { org: org.handle }) : [];
}
