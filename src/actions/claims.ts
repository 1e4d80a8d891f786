/**
 * Claiming authorship: a signed-in user asks to be linked to one of a paper's author names; a
 * moderator approves or rejects it (recorded in the audit log). An approved claim makes the
 * name on the paper page link to the user's profile. Claims are rate-limited per account, since
 * each one waits for a moderator.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../core/errors.ts';
import { type Claim, decideClaim, findClaim, insertClaim, liveClaimOn } from '../db/claims.ts';
import { findPaper } from '../db/papers.ts';
import { lockPaper } from '../db/row-locks.ts';
import type { DB } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { enforceLimit, LIMITS } from './rate-limit.ts';

/** Files a pending claim on one of the paper's author names (a limited number an hour per account). */
export async function claimAuthorship(db: Kysely<DB>, user: User, input: { paperId: unknown; authorName: unknown }, now: Date): Promise<Claim> {
  await enforceLimit(db, LIMITS.claimPerUser, user.id, now);
  const paper = typeof input.paperId === 'string' ? await findPaper(db, input.paperId) : undefined;
  if (!paper) throw notFound('There is no such paper.');
  const name = typeof input.authorName === 'string' ? input.authorName : '';
  if (!paper.authors.includes(name)) throw badRequest('not_an_author', 'Choose one of the paper\'s authors.');
  return db.transaction().execute(async (trx) => {
    // Two claims on one name at once (a double click, two people) take turns: the second sees the first.
    await lockPaper(trx, paper.id);
    const live = await liveClaimOn(trx, paper.id, name);
    if (live?.userId === user.id) throw new AppError(409, 'already_claimed', live.status === 'approved' ? 'You are already linked to this author name.' : 'Your claim on this name is waiting for a moderator.');
    if (live) throw new AppError(409, 'claimed_by_other', 'Someone else has claimed this author name; a moderator will sort it out.');
    return insertClaim(trx, { paperId: paper.id, authorName: name, userId: user.id, now });
  });
}

/** A moderator's decision on a pending claim (the caller checked the role). */
export async function decideAuthorship(db: Kysely<DB>, moderator: User, id: string, decision: unknown, now: Date): Promise<Claim> {
  if (moderator.role !== 'moderator' && moderator.role !== 'admin') throw new AppError(403, 'forbidden', 'Only moderators can do that.');
  if (decision !== 'approve' && decision !== 'reject') throw badRequest('invalid_decision', 'Approve or reject.');
  const done = await db.transaction().execute((trx) => decideClaim(trx, { id, status: decision === 'approve' ? 'approved' : 'rejected', moderatorId: moderator.id, now }));
  const claim = await findClaim(db, id);
  if (!claim) throw notFound('There is no such claim.');
  if (!done) throw new AppError(409, 'already_decided', `This claim was already ${claim.status}.`);
  return claim;
}
