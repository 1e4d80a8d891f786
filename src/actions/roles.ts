/**
 * Changing an account's role (user, moderator, admin): the command line's `user role` and the
 * admin pages and API, acting as a site admin. The change and its audit log entry are one
 * transaction. The last administrator keeps the role (as they cannot delete their account), and a
 * banned account is not made an administrator (administrators cannot be banned).
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { otherAdmins } from '../db/account-removal.ts';
import { recordAudit } from '../db/audit.ts';
import type { DB, Role } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { accountNamed, lastAdmin } from './delete-account.ts';
import { type Actor, auditActor } from './organizations.ts';

export const ROLES: readonly Role[] = ['user', 'moderator', 'admin'];

/** A role as typed or sent, or a 400 naming the choices. */
export function parseRole(raw: unknown): Role {
  if (typeof raw !== 'string' || !ROLES.includes(raw as Role)) throw badRequest('invalid_role', `role must be one of ${ROLES.join(', ')}`);
  return raw as Role;
}

/**
 * Gives the account named by address or @handle a role; returns it with the role it had. Nothing
 * is recorded when it already had it. Taking the role of the only administrator is refused (409).
 */
export async function changeRole(db: Kysely<DB>, actor: Actor, input: { who: string; role: unknown }, now: Date): Promise<{ user: User; was: Role }> {
  if (actor !== 'cli' && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can change roles.');
  const role = parseRole(input.role);
  const target = await accountNamed(db, input.who);
  const was = await db.transaction().execute(async (trx) => {
    // Counted first, under a lock on every administrator's row, so two demotions at once cannot both pass.
    const others = role === 'admin' ? undefined : await otherAdmins(trx, target.id);
    const row = await trx.selectFrom('users').select(['role', 'banned']).where('id', '=', target.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw notFound(`No account has the handle @${target.handle}.`);
    if (row.role === role) return row.role;
    if (row.role === 'admin' && others === 0) throw lastAdmin(actor, target);
    if (role === 'admin' && row.banned === 1) throw new AppError(409, 'banned', `@${target.handle} is banned: unban the account before making it an administrator.`);
    await trx.updateTable('users').set({ role }).where('id', '=', target.id).execute();
    await recordAudit(trx, { actorId: auditActor(actor), action: 'change_role', targetType: 'user', targetId: target.handle, detail: `${row.role} → ${role}` }, now);
    return row.role;
  });
  return { user: { ...target, role }, was };
}
