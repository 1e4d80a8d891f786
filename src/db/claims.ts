/**
 * Authorship claims in the store: a user asks to be linked to an author name on a paper; a
 * moderator approves or rejects, and the decision goes into the audit log in the same
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { nameKey } from '../core/paper.ts';
import type { AuthorClaimsTable, DB } from './schema.ts';

export type ClaimStatus = AuthorClaimsTable['status'];

/** A claim as pages and actions see it. */
export interface Claim {
  id: string;
  paperId: string;
  authorName: string;
  userId: string;
  status: ClaimStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const toClaim = (r: Selectable<AuthorClaimsTable>): Claim => ({
  id: r.id,
  paperId: r.paper_id,
  authorName: r.author_name,
  userId: r.user_id,
  status: r.status,
  createdAt: r.created_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

/** Stores a pending claim. */
export async function insertClaim(db: Kysely<DB>, c: { paperId: string; authorName: string; userId: string; now: Date }): Promise<Claim> {
  const row: Selectable<AuthorClaimsTable> = { id: randomUUID(), paper_id: c.paperId, author_name: c.authorName, user_id: c.userId, status: 'pending', created_at: c.now.toISOString(), decided_by: null, decided_at: null };
  await db.insertInto('author_claims').values(row).execute();
  return toClaim(row);
}

/** A claim by id. */
export async function findClaim(db: Kysely<DB>, id: string): Promise<Claim | undefined> {
  const row = await db.selectFrom('author_claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** A user's claims on a paper (any status). */
export async function userClaimsOnPaper(db: Kysely<DB>, userId: string, paperId: string): Promise<Claim[]> {
  const rows = await db.selectFrom('author_claims').selectAll().where('user_id', '=', userId).where('paper_id', '=', paperId).orderBy('created_at').execute();
  return rows.map(toClaim);
}

/** The live claim (pending or approved) on an author name of a paper, if any. */
export async function liveClaimOn(db: Kysely<DB>, paperId: string, authorName: string): Promise<Claim | undefined> {
  const row = await db.selectFrom('author_claims').selectAll().where('paper_id', '=', paperId).where('author_name', '=', authorName).where('status', 'in', ['pending', 'approved']).executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** Pending claims, oldest first, with who asked and the paper's title, for moderators. */
export async function pendingClaims(db: Kysely<DB>, limit = 200) {
  return db
    .selectFrom('author_claims')
    .innerJoin('users', 'users.id', 'author_claims.user_id')
    .innerJoin('papers', 'papers.id', 'author_claims.paper_id')
    .select(['author_claims.id', 'author_claims.paper_id', 'author_claims.author_name', 'author_claims.created_at', 'users.handle', 'users.name', 'users.email', 'papers.title'])
    .where('author_claims.status', '=', 'pending')
    .orderBy('author_claims.created_at')
    .limit(limit)
    .execute();
}

/** Approved claims of a paper: author name to the claimant's handle. */
export async function authorLinksOf(db: Kysely<DB>, paperId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('author_claims')
    .innerJoin('users', 'users.id', 'author_claims.user_id')
    .select(['author_claims.author_name', 'users.handle'])
    .where('author_claims.paper_id', '=', paperId)
    .where('author_claims.status', '=', 'approved')
    .where('users.banned', '=', 0)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.author_name, r.handle]));
}

/** Records a decision on a pending claim and its audit entry; false when it was not pending. */
export async function decideClaim(db: Kysely<DB>, d: { id: string; status: 'approved' | 'rejected'; moderatorId: string; now: Date }): Promise<boolean> {
  const r = await db
    .updateTable('author_claims')
    .set({ status: d.status, decided_by: d.moderatorId, decided_at: d.now.toISOString() })
    .where('id', '=', d.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  const claim = await findClaim(db, d.id);
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      actor_id: d.moderatorId,
      action: d.status === 'approved' ? 'claim.approve' : 'claim.reject',
      target_type: 'author_claim',
      target_id: d.id,
      detail: JSON.stringify({ paperId: claim?.paperId, authorName: claim?.authorName, userId: claim?.userId }),
      created_at: d.now.toISOString(),
    })
    .execute();
  return true;
}

/**
 * The users whose approved claims (on any paper) name this author, in any case: one author name
 * may be claimed by several people who share it. Banned accounts are left out.
 */
export async function claimantsOfAuthor(db: Kysely<DB>, name: string): Promise<{ handle: string; name: string }[]> {
  const key = nameKey(name);
  const rows = await db
    .selectFrom('author_claims')
    .innerJoin('users', 'users.id', 'author_claims.user_id')
    .innerJoin('paper_names as pn', (join) => join.onRef('pn.paper_id', '=', 'author_claims.paper_id').on('pn.kind', '=', 'author').on('pn.name_key', '=', key))
    .select(['author_claims.author_name', 'users.handle', 'users.name'])
    .where('author_claims.status', '=', 'approved')
    .where('users.banned', '=', 0)
    .orderBy('users.handle')
    .execute();
  // The join finds the papers listing the name; the claim must be on that very name, not a coauthor.
  const out = new Map<string, { handle: string; name: string }>();
  for (const r of rows) if (nameKey(r.author_name) === key) out.set(r.handle, { handle: r.handle, name: r.name });
  return [...out.values()];
}
