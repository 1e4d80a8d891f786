/**
 * The list of accounts for site staff (the admin pages and the API): who may read it (moderators
 * and administrators; only administrators see addresses), what a query may ask (a search text,
 * a role, a status, a page) and one page of the answer, 50 accounts at a time.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest } from '../core/errors.ts';
import { type AccountRow, countAccounts, findAccounts } from '../db/account-directory.ts';
import type { DB, Role } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { parsePageNumber } from './feed.ts';
import { ROLES } from './roles.ts';
import { isStaff } from '../core/staff.ts';

export const ACCOUNTS_PER_PAGE = 50;

export const ACCOUNT_STATUSES = ['banned', 'unconfirmed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What a list of accounts asks for; empty choices mean "any". */
export interface AccountQuery {
  q: string;
  role: Role | undefined;
  status: AccountStatus | undefined;
  page: number;
}

/** An account as staff see it: the address only for administrators. */
export type AccountView = Omit<AccountRow, 'id' | 'email'> & { email?: string };

export interface AccountList {
  query: AccountQuery;
  accounts: AccountView[];
  total: number;
  /** The page shown: the one asked for, or (unless asked for an empty one) the last one when it asked past the end. */
  page: number;
  numPages: number;
}

/** Reads a query string (`q`, `role`, `status`, `p`); an unknown role or status, or a bad page number, is a 400. */
export function parseAccountQuery(raw: Record<string, string | undefined>): AccountQuery {
  const role = raw['role'] ?? '';
  const status = raw['status'] ?? '';
  if (role && !ROLES.includes(role as Role)) throw badRequest('invalid_role', `role must be one of ${ROLES.join(', ')} (or empty for all)`);
  if (status && !(ACCOUNT_STATUSES as readonly string[]).includes(status)) throw badRequest('invalid_status', `status must be one of ${ACCOUNT_STATUSES.join(', ')} (or empty for all)`);
  return { q: (raw['q'] ?? '').trim(), role: (role || undefined) as Role | undefined, status: (status || undefined) as AccountStatus | undefined, page: parsePageNumber(raw['p']) };
}

/** One page of the accounts matching a query, newest first; past the end the last page, or (`pastEnd: 'empty'`, the API) none; a 403 for anyone but staff. */
export async function listAccounts(db: Kysely<DB>, viewer: User, query: AccountQuery, pastEnd: 'last' | 'empty' = 'last'): Promise<AccountList> {
  if (!isStaff(viewer)) throw new AppError(403, 'forbidden', 'Only moderators and administrators can list accounts.');
  const addresses = viewer.role === 'admin';
  // Addresses are searched only by those who see them: a match would tell anyone else who has one.
  const filter = { ...(query.q ? { text: query.q, inAddresses: addresses } : {}), ...(query.role ? { role: query.role } : {}), banned: query.status === 'banned', unconfirmed: query.status === 'unconfirmed' };
  const total = await countAccounts(db, filter);
  const numPages = Math.max(1, Math.ceil(total / ACCOUNTS_PER_PAGE));
  const page = pastEnd === 'empty' ? query.page : Math.min(query.page, numPages);
  const rows = total === 0 ? [] : await findAccounts(db, filter, { limit: ACCOUNTS_PER_PAGE, offset: (page - 1) * ACCOUNTS_PER_PAGE });
  const accounts = rows.map(({ id: _id, email, ...rest }) => (addresses ? { ...rest, email } : rest));
  return { query, accounts, total, page, numPages };
}
