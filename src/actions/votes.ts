/**
 * Upvoting: one vote per user per paper, set or removed in one transaction that also updates the
 * paper's count and trending score, at most LIMITS.votePerUser times in its window. Pages and
 * the API call the same function.
 */
import type { Kysely } from 'kysely';
import { AppError, notFound } from '../core/errors.ts';
import type { DB } from '../db/schema.ts';
import type { User } from '../db/users.ts';
import { setVote } from '../db/votes.ts';
import { enforceLimit, LIMITS } from './rate-limit.ts';

/** Sets the user's vote on a paper (by id or arXiv id); returns the new count and the state. */
export async function vote(db: Kysely<DB>, user: User, paperId: string, up: boolean, now: Date): Promise<{ paperId: string; upvotes: number; voted: boolean }> {
  if (user.banned) throw new AppError(403, 'banned', 'This account has been suspended.');
  const paper = await db
    .selectFrom('papers')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', paperId), eb('arxiv_id', '=', paperId)]))
    .where('hidden', '=', 0)
    .executeTakeFirst();
  if (!paper) throw notFound(`No paper with id "${paperId}"`);
  await enforceLimit(db, LIMITS.votePerUser, user.id, now);
  const { upvotes } = await db.transaction().execute((trx) => setVote(trx, user.id, paper.id, up, now));
  return { paperId: paper.id, upvotes, voted: up };
}
