/**
 * An upvote asked for while signed out: the vote button sends the visitor to sign in with the
 * paper in the address (`/signin?next=PATH&vote=ID`), the sign-in form carries it in a hidden
 * field, and the sign-in POST, once the password is right, casts it through the vote action
 * before going back. Only ever an upvote: a paper already upvoted stays so. A paper that is
 * unknown or hidden (or a vote refused, as by the rate limit) leaves a plain sign-in.
 */
import type { Kysely } from 'kysely';
import { vote } from '../../actions/votes.ts';
import { AppError } from '../../core/errors.ts';
import type { DB } from '../../db/schema.ts';
import { findPaper } from '../../db/papers.ts';
import type { User } from '../../db/users.ts';

/** The sign-in address's parameter, and the sign-in form's field, holding the paper to upvote. */
export const VOTE_FIELD = 'vote';

/** The paper a sign-in would upvote: its id and title. */
export interface PendingVote {
  id: string;
  title: string;
}

/** The sign-in page that comes back to `next`, upvoting `paperId` on the way when given. */
export function signInPath(next: string, paperId?: string): string {
  return `/signin?next=${encodeURIComponent(next)}${paperId ? `&${VOTE_FIELD}=${encodeURIComponent(paperId)}` : ''}`;
}

/** The shown paper a pending vote names (by id or arXiv id), or undefined for none, an unknown or a hidden one. */
export async function pendingVote(db: Kysely<DB>, raw: string | undefined): Promise<PendingVote | undefined> {
  if (!raw || raw.length > 200) return undefined;
  const paper = await findPaper(db, raw);
  return paper ? { id: paper.id, title: paper.title } : undefined;
}

/**
 * Casts the pending upvote of a user who just signed in; whether it went through. An expected
 * refusal (the paper hidden since, the vote rate limit) is not the sign-in's failure: the
 * visitor is signed in either way, and sees on the page whether the vote is there.
 */
export async function castPendingVote(db: Kysely<DB>, user: User, paper: PendingVote, now: Date): Promise<boolean> {
  try {
    await vote(db, user, paper.id, true, now);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}
