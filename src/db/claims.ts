/**
 * Authorship claims in the store: a user asks to be linked to an author name on a paper; a
 * moderator approves or rejects, and may later revoke an approved claim; each decision goes into
 * the audit log in the same transaction. A pending claim on a name someone else holds or asks for
 * contests it, and the moderators' queue says so.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { nameKey } from '../core/paper.ts';
import { recordAudit } from './audit.ts';
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

/** The live claims (pending or approved) on an author name of a paper, oldest first. */
export async function liveClaimsOn(db: Kysely<DB>, paperId: string, authorName: string): Promise<Claim[]> {
  const rows = await db.selectFrom('author_claims').selectAll().where('paper_id', '=', paperId).where('author_name', '=', authorName).where('status', 'in', ['pending', 'approved']).orderBy('created_at').execute();
  return rows.map(toClaim);
}

/**
 * Pending claims, oldest first, with who asked and the paper's title, for moderators; a claim on a
 * name already linked to someone else carries that link (its claim id and handle).
 */
export async function pendingClaims(db: Kysely<DB>, limit = 200) {
  return db
    .selectFrom('author_claims')
    .innerJoin('users', 'users.id', 'author_claims.user_id')
    .innerJoin('papers', 'papers.id', 'author_claims.paper_id')
    .leftJoin('author_claims as linked', (join) =>
      join.onRef('linked.paper_id', '=', 'author_claims.paper_id').onRef('linked.author_name', '=', 'author_claims.author_name').on('linked.status', '=', 'approved'),
    )
    .leftJoin('users as linked_user', 'linked_user.id', 'linked.user_id')
    .select(['author_claims.id', 'author_claims.paper_id', 'author_claims.author_name', 'author_claims.created_at', 'users.handle', 'users.name', 'users.email', 'papers.title'])
    .select(['linked.id as linked_claim_id', 'linked_user.handle as linked_handle'])
    .where('author_claims.status', '=', 'pending')
    .orderBy('author_claims.created_at')
    .limit(limit)
    .execute();
}

/** Approved claims, the newest decisions first, with the claimant and the paper's title, for moderators to revoke. */
export async function approvedClaims(db: Kysely<DB>, limit = 100) {
  return db
    .selectFrom('author_claims')
    .innerJoin('users', 'users.id', 'author_claims.user_id')
    .innerJoin('papers', 'papers.id', 'author_claims.paper_id')
    .select(['author_claims.id', 'author_claims.paper_id', 'author_claims.author_name', 'author_claims.decided_at', 'users.handle', 'users.name', 'papers.title'])
    .where('author_claims.status', '=', 'approved')
    .orderBy('author_claims.decided_at', 'desc')
    .orderBy('author_claims.id')
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

/** Moves a claim from one status to another and records it in the audit log; false when it was not in `from`. */
async function moveClaim(db: Kysely<DB>, d: { id: string; from: ClaimStatus; to: ClaimStatus; action: 'claim.approve' | 'claim.reject' | 'claim.revoke'; moderatorId: string | null; now: Date }): Promise<boolean> {
  const r = await db.updateTable('author_claims').set({ status: d.to, decided_by: d.moderatorId, decided_at: d.now.toISOString() }).where('id', '=', d.id).where('status', '=', d.from).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  const claim = await findClaim(db, d.id);
  if (claim) {
    const detail = JSON.stringify({ paperId: claim.paperId, authorName: claim.authorName, userId: claim.userId });
    await recordAudit(db, { actorId: d.moderatorId, action: d.action, targetType: 'author_claim', targetId: claim.id, detail }, d.now);
  }
  return true;
}

/** Records a decision on a pending claim and its audit entry; false when it was not pending. */
export async function decideClaim(db: Kysely<DB>, d: { id: string; status: 'approved' | 'rejected'; moderatorId: string | null; now: Date }): Promise<boolean> {
  return moveClaim(db, { id: d.id, from: 'pending', to: d.status, action: d.status === 'approved' ? 'claim.approve' : 'claim.reject', moderatorId: d.moderatorId, now: d.now });
}

/** Takes back an approved claim (the name no longer links to the profile) with its audit entry; false when it was not approved. */
export async function revokeClaim(db: Kysely<DB>, d: { id: string; moderatorId: string | null; now: Date }): Promise<boolean> {
  return moveClaim(db, { id: d.id, from: 'approved', to: 'revoked', action: 'claim.revoke', moderatorId: d.moderatorId, now: d.now });
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

/** The author names a user holds through approved claims (on any paper), each once, in order. */
export async function claimedNames(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('author_claims').select('author_name').distinct().where('user_id', '=', userId).where('status', '=', 'approved').orderBy('author_name').execute();
  return rows.map((r) => r.author_name);
}
