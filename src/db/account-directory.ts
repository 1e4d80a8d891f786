/**
 * The list of accounts that site staff read: live accounts (deleted ones are left out), newest
 * first, filtered by role, ban and confirmation, and searched by a piece of the handle, name or
 * (for those who may see addresses) address in any case (the text is matched literally: `%`, `_`
 * and `\` are escaped), with each account's comments and upvotes counted.
 */
import { type Expression, type Kysely, type SelectQueryBuilder, sql, type SqlBool, SqliteAdapter } from 'kysely';
import type { DB, Role } from './schema.ts';

export interface AccountFilter {
  /** A piece of the handle, name or (with `inAddresses`) address, any case. */
  text?: string;
  /** Whether `text` is looked for in addresses too: only for viewers who may see them. */
  inAddresses?: boolean;
  role?: Role;
  banned?: boolean;
  unconfirmed?: boolean;
}

export interface AccountRow {
  id: string;
  handle: string;
  name: string;
  email: string;
  role: Role;
  banned: boolean;
  confirmed: boolean;
  createdAt: string;
  numComments: number;
  numUpvotes: number;
}

/** A LIKE pattern that finds the text anywhere, wildcards in it taken literally (escape character `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The column lower-cased in every script: PostgreSQL's lower() does that, SQLite's needs unicode_lower (db/database.ts). */
function lowered(db: Kysely<DB>, column: 'handle' | 'name' | 'email'): Expression<string> {
  return db.getExecutor().adapter instanceof SqliteAdapter ? sql<string>`unicode_lower(users.${sql.ref(column)})` : sql<string>`lower(users.${sql.ref(column)})`;
}

function filtered(db: Kysely<DB>, f: AccountFilter): SelectQueryBuilder<DB, 'users', object> {
  let q = db.selectFrom('users').where('users.deleted_at', 'is', null);
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.banned) q = q.where('users.banned', '=', 1);
  if (f.unconfirmed) q = q.where('users.verified_at', 'is', null);
  const text = f.text?.normalize('NFC').toLowerCase();
  if (text) {
    const pattern = containsPattern(text);
    const like = (column: 'handle' | 'name' | 'email') => sql<SqlBool>`${lowered(db, column)} like ${pattern} escape ${sql.lit('\\')}`;
    q = q.where((eb) => eb.or([like('handle'), like('name'), ...(f.inAddresses ? [like('email')] : [])]));
  }
  return q;
}

/** How many accounts match. */
export async function countAccounts(db: Kysely<DB>, f: AccountFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the matching accounts, newest first, with their comments (not deleted) and upvotes counted. */
export async function findAccounts(db: Kysely<DB>, f: AccountFilter, page: { limit: number; offset: number }): Promise<AccountRow[]> {
  const rows = await filtered(db, f)
    .select(['users.id', 'users.handle', 'users.name', 'users.email', 'users.role', 'users.banned', 'users.verified_at', 'users.created_at'])
    .select((eb) => [
      eb.selectFrom('comments').select((c) => c.fn.countAll().as('n')).whereRef('comments.user_id', '=', 'users.id').where('comments.deleted_at', 'is', null).as('num_comments'),
      eb.selectFrom('votes').select((v) => v.fn.countAll().as('n')).whereRef('votes.user_id', '=', 'users.id').as('num_upvotes'),
    ])
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    name: r.name,
    email: r.email,
    role: r.role,
    banned: r.banned === 1,
    confirmed: r.verified_at !== null,
    createdAt: r.created_at,
    numComments: Number(r.num_comments ?? 0),
    numUpvotes: Number(r.num_upvotes ?? 0),
  }));
}
