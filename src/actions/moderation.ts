/**
 * Moderation: hide and show papers and comments, ban and unban accounts. Only moderators and
 * admins may; nobody bans an admin, only admins ban moderators, and nobody bans themselves.
 * Every change is one transaction together with its audit log entry; a ban also ends the
 * account's sessions (its API tokens stop working because they check the ban on every use).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../core/errors.ts';
import { recordAudit } from '../db/audit.ts';
import { findComment, setCommentHidden } from '../db/comments.ts';
import { findPaperAnyState, setPaperHidden, setUserBanned } from '../db/moderation.ts';
import type { DB } from '../db/schema.ts';
import { deleteUserSessions, findUserByHandle, revokeUserApiTokens, type User } from '../db/users.ts';
import { parseInput } from './accounts.ts';

const reasonSchema = z.string().trim().max(500, 'Keep the reason under 500 characters').optional();

function requireModeratorRole(actor: User): void {
  if (actor.banned || (actor.role !== 'moderator' && actor.role !== 'admin')) throw new AppError(403, 'forbidden', 'Only moderators can do that.');
}

const reasonOf = (reason: unknown): string => parseInput(reasonSchema, typeof reason === 'string' && reason.trim() ? reason : undefined) ?? '';

/** Hides (or shows again) a paper everywhere: feeds, search and its page. Returns its id and whether it changed. */
export async function moderatePaper(db: Kysely<DB>, actor: User, input: { paperId: string; hide: boolean; reason?: unknown }, now: Date): Promise<{ id: string; changed: boolean }> {
  requireModeratorRole(actor);
  const detail = reasonOf(input.reason);
  const paper = await findPaperAnyState(db, input.paperId);
  if (!paper) throw notFound(`No paper with id "${input.paperId}"`);
  const changed = await db.transaction().execute(async (trx) => {
    const done = await setPaperHidden(trx, paper.id, input.hide, now);
    if (done) await recordAudit(trx, { actorId: actor.id, action: input.hide ? 'hide_paper' : 'unhide_paper', targetType: 'paper', targetId: paper.id, detail }, now);
    return done;
  });
  return { id: paper.id, changed };
}

/** Hides (or shows again) a comment; returns its paper's id and whether it changed. */
export async function moderateComment(db: Kysely<DB>, actor: User, input: { commentId: string; hide: boolean; reason?: unknown }, now: Date): Promise<{ id: string; paperId: string; changed: boolean }> {
  requireModeratorRole(actor);
  const detail = reasonOf(input.reason);
  const comment = await findComment(db, input.commentId);
  if (!comment) throw notFound('No such comment.');
  const changed = await db.transaction().execute(async (trx) => {
    const done = await setCommentHidden(trx, comment, input.hide, now);
    if (done) await recordAudit(trx, { actorId: actor.id, action: input.hide ? 'hide_comment' : 'unhide_comment', targetType: 'comment', targetId: comment.id, detail }, now);
    return done;
  });
  return { id: comment.id, paperId: comment.paper_id, changed };
}

/** Bans (ending every session, revoking every API token) or unbans an account by handle. */
export async function moderateUser(db: Kysely<DB>, actor: User, input: { handle: string; ban: boolean; reason?: unknown }, now: Date): Promise<{ handle: string; changed: boolean }> {
  requireModeratorRole(actor);
  const detail = reasonOf(input.reason);
  const target = await findUserByHandle(db, input.handle.trim());
  if (!target) throw notFound(`No user "${input.handle}"`);
  if (target.id === actor.id) throw new AppError(400, 'self', 'You cannot ban or unban yourself.');
  if (target.role === 'admin') throw new AppError(403, 'forbidden', 'Administrators cannot be banned.');
  if (target.role === 'moderator' && actor.role !== 'admin') throw new AppError(403, 'forbidden', 'Only administrators can ban moderators.');
  const changed = await db.transaction().execute(async (trx) => {
    const done = await setUserBanned(trx, target.id, input.ban);
    // A ban ends every session and revokes every API token for good: unbanned, the owner signs in
    // again and makes new tokens, so a token that leaked (often why an account misbehaves) stays dead.
    if (input.ban) {
      await deleteUserSessions(trx, target.id);
      await revokeUserApiTokens(trx, target.id, now);
    }
    if (done) await recordAudit(trx, { actorId: actor.id, action: input.ban ? 'ban_user' : 'unban_user', targetType: 'user', targetId: target.handle, detail }, now);
    return done;
  });
  return { handle: target.handle, changed };
}
