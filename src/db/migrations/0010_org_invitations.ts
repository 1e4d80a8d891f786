/**
 * Migration 0010: invitations to organizations. An organization's admins invite an account, which
 * becomes a member only when its owner accepts. One row per (organization, account): pending until
 * answered; accepting or withdrawing deletes it, declining keeps it with the time of the decline,
 * which holds off the next invitation for a while. Frozen once shipped.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_handle', 'text', (c) => c.notNull().references('organizations.handle').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('declined_at', 'text')
    .addUniqueConstraint('org_invitations_org_user', ['org_handle', 'user_id'])
    .execute();
  await db.schema.createIndex('org_invitations_user').on('org_invitations').columns(['user_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
