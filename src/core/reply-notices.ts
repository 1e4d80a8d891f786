/**
 * Who hears of a new comment, and when: the author of the comment it answers, and for a comment
 * that starts a discussion the paper's submitter, never its own author. Notices wait a short
 * delay before they go (an edit, a hide or a delete can still catch them, and a burst of replies
 * leaves in one mail), and each person gets at most a few such mails an hour: what comes past
 * that waits for the next one.
 */
import { nextAllowedAt } from './sliding-window.ts';

/** Why someone hears of a comment: it answers theirs, or it is on a paper they submitted. */
export type ReplyReason = 'reply' | 'paper';

/** How long a notice waits before it may be sent. */
export const REPLY_MAIL_DELAY_MS = 2 * 60_000;
/** Reply mails a person gets per hour at most. */
export const REPLY_MAILS_PER_HOUR = 4;
/** Notices not sent within this long after their comment are dropped (mail was off, or kept failing). */
export const REPLY_MAIL_MAX_AGE_MS = 3 * 24 * 3_600_000;
/** Comments quoted in one mail; the rest are counted with a link to the first. */
export const REPLY_MAIL_MAX_ITEMS = 10;

const HOUR_MS = 3_600_000;

/** The people to tell of a comment, each once (a reply to your comment on your own paper is a reply). */
export function noticeRecipients(c: { authorId: string; parentAuthorId?: string | undefined; submitterIds: readonly string[] }): { recipientId: string; reason: ReplyReason }[] {
  const out = new Map<string, ReplyReason>();
  if (c.parentAuthorId !== undefined) out.set(c.parentAuthorId, 'reply');
  else for (const id of c.submitterIds) out.set(id, 'paper');
  out.delete(c.authorId);
  return [...out].map(([recipientId, reason]) => ({ recipientId, reason }));
}

/**
 * When the next mail may go to someone whose mails of the past hour went at these times:
 * now, or an hour after the oldest of them once the hour's allowance is used up.
 */
export function nextMailAllowedAt(sentAt: readonly string[], now: Date, perHour = REPLY_MAILS_PER_HOUR): Date {
  return nextAllowedAt(sentAt, now, { max: perHour, windowMs: HOUR_MS }) ?? now;
}
