/**
 * Deleting an account: by its owner (the current password and an explicit confirmation) or by an
 * administrator at the command line (deletion requests by mail). One transaction: sessions and API
 * tokens go, upvotes are taken back as unvoting does, comments go or become "[deleted]"
 * placeholders, collections, memberships, claims and the address's digest go, submitted papers
 * stay without "submitted by"; the row stays emptied, so the handle is never given out again. The
 * last administrator cannot be deleted. The audit log records the deletion and keeps every row.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { markUserDeleted, otherAdmins, removeSubscription, removeUserBelongings, removeUserComments, removeUserVotes } from '../db/account-removal.ts';
import { recordAudit } from '../db/audit.ts';
import type { DB } from '../db/schema.ts';
import { findUserByEmail, findUserByHandle, type User } from '../db/users.ts';
import { checkCurrentPassword } from './current-password.ts';
import { type Actor, auditActor } from './organizations.ts';

/** The 409 for taking away the only administrator (their account or their role). */
export function lastAdmin(actor: Actor, target: User): AppError {
  const self = actor !== 'cli' && actor.id === target.id;
  return new AppError(409, 'last_admin', `${self ? 'You are' : `@${target.handle} is`} the only administrator: make another account an administrator first (npx paperboy user role EMAIL admin).`);
}

/** Deletes the account in one transaction, recording who did it; refuses the last administrator. */
async function removeAccount(db: Kysely<DB>, user: User, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (user.role === 'admin' && (await otherAdmins(trx, user.id)) === 0) throw lastAdmin(actor, user);
    await removeUserVotes(trx, user.id, now);
    await removeUserComments(trx, user.id, now);
    await removeUserBelongings(trx, user.id, now);
    await removeSubscription(trx, user.email);
    if (!(await markUserDeleted(trx, user.id, now))) throw notFound(`No account @${user.handle}.`);
    await recordAudit(trx, { actorId: auditActor(actor), action: 'delete_user', targetType: 'user', targetId: user.handle }, now);
  });
}

/** Deletes the signed-in user's own account after the current password and an explicit yes. */
export async function deleteOwnAccount(db: Kysely<DB>, user: User, input: { current: unknown; confirm: boolean; ip: string }, now: Date): Promise<void> {
  if (!input.confirm) throw badRequest('confirm_delete', 'Confirm that you want to delete your account for good (tick the box; in the API, send "confirm": true).');
  await checkCurrentPassword(db, user, input, now);
  await removeAccount(db, user, user, now);
}

/** The account an administrator names by address or @handle (a bare handle too), or a 404 naming it. */
export async function accountNamed(db: Kysely<DB>, who: string): Promise<User> {
  const text = who.trim();
  if (!text) throw badRequest('usage', 'Name the account: its email address or @handle.');
  const byAddress = !text.startsWith('@') && text.includes('@');
  const user = byAddress ? (await findUserByEmail(db, text))?.user : await findUserByHandle(db, text.replace(/^@/, ''));
  if (!user) throw notFound(byAddress ? `No account uses the address ${text.slice(0, 254)}.` : `No account has the handle @${text.replace(/^@/, '').slice(0, 60)}.`);
  return user;
}

/** Deletes an account as an administrator (the command line, the admin pages): the account named by address or @handle, never one's own. */
export async function deleteAccountAsAdmin(db: Kysely<DB>, actor: Actor, who: string, now: Date): Promise<User> {
  if (actor !== 'cli' && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can delete other accounts.');
  const user = await accountNamed(db, who);
  // One's own account takes the current password: the settings page asks for it.
  if (actor !== 'cli' && actor.id === user.id) throw badRequest('self', 'Delete your own account from your settings, with your password.');
  await removeAccount(db, user, actor, now);
  return user;
}
