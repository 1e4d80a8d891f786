/**
 * The audit log: who did what to which paper, comment, user or organization, and when (moderation,
 * authorship claims, organizations, role changes). Rows are only ever appended; the moderation
 * page reads them newest first, a page at a time. A null actor is the command line on the server.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from './schema.ts';

export type AuditRow = Selectable<AuditLogTable>;

/** What a moderator or administrator did, as recorded. */
export interface AuditEntry {
  /** Who did it; null for the command line. */
  actorId: string | null;
  action: string;
  targetType: 'paper' | 'comment' | 'user' | 'organization' | 'author_claim';
  targetId: string;
  detail?: string;
}

/** Appends one entry; call in the transaction that made the change. */
export async function recordAudit(db: Kysely<DB>, e: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: randomUUID(), actor_id: e.actorId, action: e.action, target_type: e.targetType, target_id: e.targetId, detail: e.detail ?? '', created_at: now.toISOString() })
    .execute();
}

/** When entries of an action on a target with one of the given details were recorded since `since`, newest first. */
export async function auditTimes(db: Kysely<DB>, e: { action: string; targetType: AuditEntry['targetType']; targetId: string; details: string[] }, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('created_at')
    .where('action', '=', e.action)
    .where('target_type', '=', e.targetType)
    .where('target_id', '=', e.targetId)
    .where('detail', 'in', e.details)
    .where('created_at', '>=', since.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.created_at);
}

/** How many entries the log holds. */
export async function countAudit(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest entries (after skipping `offset` newer ones) with the actor's handle (null when the actor's account was deleted, or was the system). */
export async function listAudit(db: Kysely<DB>, limit: number, offset = 0): Promise<(AuditRow & { actor_handle: string | null })[]> {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'audit_log.actor_id').on('users.deleted_at', 'is', null))
    .selectAll('audit_log')
    .select('users.handle as actor_handle')
    .orderBy('audit_log.created_at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
