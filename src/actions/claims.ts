/**
 * Claiming authorship: a signed-in user asks to be linked to one of a paper's author names; a
 * moderator approves or rejects it (the claimant is mailed the decision), and may later revoke an approved claim (each recorded in the
 * audit log). An approved claim makes the name on the paper page link to the user's profile. A
 * claim on a name someone else holds or asks for is filed all the same, for a moderator to decide
 * between them; approving it takes the name from whoever held it. Nobody decides on their own
 * claim. Claims are rate-limited per account, since each one waits for a moderator.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { isStaff } from '../core/staff.ts';
import { type Claim, decideClaim, findClaim, insertClaim, liveClaimsOn, revokeClaim } from '../db/claims.ts';
import { findPaper } from '../db/papers.ts';
import { lockPaper } from '../db/row-locks.ts';
import type { DB } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { mailClaimDecision, type Notify } from './community-mails.ts';
import { enforceLimit, LIMITS } from './rate-limit.ts';

/** A filed claim, and what it contests: a name linked to someone else, or someone else's waiting claim. */
export type FiledClaim = Claim & { contests?: 'link' | 'claim' };

/** Files a pending claim on one of the paper's author names (a limited number an hour per account). */
export async function claimAuthorship(db: Kysely<DB>, user: User, input: { paperId: unknown; authorName: unknown }, now: Date): Promise<FiledClaim> {
  await enforceLimit(db, LIMITS.claimPerUser, user.id, now);
  const paper = typeof input.paperId === 'string' ? await findPaper(db, input.paperId) : undefined;
  if (!paper) throw notFound('There is no such paper.');
  const name = typeof input.authorName === 'string' ? input.authorName : '';
  if (!paper.authors.includes(name)) throw badRequest('not_an_author', 'Choose one of the paper\'s authors.');
  return db.transaction().execute(async (trx) => {
    // Two claims on one name at once (a double click, two people) take turns: the second sees the first.
    await lockPaper(trx, paper.id);
    const live = await liveClaimsOn(trx, paper.id, name);
    const mine = live.find((l) => l.userId === user.id);
    if (mine) throw new AppError(409, 'already_claimed', mine.status === 'approved' ? 'You are already linked to this author name.' : 'Your claim on this name is waiting for a moderator.');
    const claim = await insertClaim(trx, { paperId: paper.id, authorName: name, userId: user.id, now });
    if (live.some((l) => l.status === 'approved')) return { ...claim, contests: 'link' };
    return live.length > 0 ? { ...claim, contests: 'claim' } : claim;
  });
}

function requireStaff(moderator: User | null): void {
  if (moderator !== null && !isStaff(moderator)) throw new AppError(403, 'forbidden', 'Only moderators can do that.');
}

/**
 * A moderator's decision on a pending claim; `null` is the command line on the server. Approving
 * revokes whatever approved claim someone else holds on the same name of the paper.
 */
export async function decideAuthorship(db: Kysely<DB>, moderator: User | null, id: string, decision: unknown, now: Date, notify?: Notify): Promise<Claim> {
  requireStaff(moderator);
  if (decision !== 'approve' && decision !== 'reject') throw badRequest('invalid_decision', 'Approve or reject.');
  const found = await findClaim(db, id);
  if (!found) throw notFound('There is no such claim.');
  if (moderator && found.userId === moderator.id) throw new AppError(403, 'own_claim', 'Another moderator or an administrator must decide on your own claim.');
  const moderatorId = moderator?.id ?? null;
  const done = await db.transaction().execute(async (trx) => {
    await lockPaper(trx, found.paperId);
    const ok = await decideClaim(trx, { id, status: decision === 'approve' ? 'approved' : 'rejected', moderatorId, now });
    if (ok && decision === 'approve') {
      for (const other of await liveClaimsOn(trx, found.paperId, found.authorName)) {
        if (other.id !== id && other.status === 'approved') await revokeClaim(trx, { id: other.id, moderatorId, now });
      }
    }
    return ok;
  });
  const claim = await findClaim(db, id);
  if (!claim) throw notFound('There is no such claim.');
  if (!done) throw new AppError(409, 'already_decided', `This claim was already ${claim.status}.`);
  if (notify) await mailClaimDecision(db, notify, claim);
  return claim;
}

/** Takes back an approved claim: the author name stops linking to the profile; `null` is the command line. */
export async function revokeAuthorship(db: Kysely<DB>, moderator: User | null, id: string, now: Date): Promise<Claim> {
  requireStaff(moderator);
  const done = await db.transaction().execute((trx) => revokeClaim(trx, { id, moderatorId: moderator?.id ?? null, now }));
  const claim = await findClaim(db, id);
  if (!claim) throw notFound('There is no such claim.');
  if (!done) throw new AppError(409, 'not_approved', claim.status === 'revoked' ? 'This claim was already revoked.' : `Only an approved claim can be revoked; this one is ${claim.status}.`);
  return claim;
}
