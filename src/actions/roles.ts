/**
 * Changing an account's role (user, moderator, admin): the command line's `user role`, acting as
 * a site admin. The change and its audit log entry are one transaction.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { recordAudit } from '../db/audit.ts';
import type { DB, Role } from '../db/schema.ts';
import { findUserByEmail, type User } from '../db/users.ts';
import { type Actor, auditActor } from './organizations.ts';

export const ROLES: readonly Role[] = ['user', 'moderator', 'admin'];

/** Gives the account of an address a role; returns it with the role it had. Nothing is recorded when it already had it. */
export async function changeRole(db: Kysely<DB>, actor: Actor, input: { email: string; role: string }, now: Date): Promise<{ user: User; was: Role }> {
  if (actor !== 'cli' && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can change roles.');
  if (!ROLES.includes(input.role as Role)) throw badRequest('invalid_role', `role must be one of ${ROLES.join(', ')}`);
  const role = input.role as Role;
  const found = await findUserByEmail(db, input.email.trim());
  if (!found) throw notFound(`No account for ${input.email}`);
  const was = found.user.role;
  if (was !== role) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ role }).where('id', '=', found.user.id).execute();
      await recordAudit(trx, { actorId: auditActor(actor), action: 'change_role', targetType: 'user', targetId: found.user.handle, detail: `${was} → ${role}` }, now);
    });
  }
  return { user: { ...found.user, role }, was };
}
