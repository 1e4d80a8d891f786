/**
 * Queues the mails a new comment causes (core/reply-notices.ts decides who), inside the comment's
 * own transaction: the comment and its notices are stored together or not at all.
 */
import type { Kysely } from 'kysely';
import { noticeRecipients, REPLY_MAIL_DELAY_MS } from '../core/reply-notices.ts';
import type { CommentRow } from '../db/comments.ts';
import { paperSubmitters } from '../db/reply-mail-settings.ts';
import { enqueueNotices } from '../db/reply-outbox.ts';
import type { DB } from '../db/schema.ts';

/**
 * Records who should hear of this just-stored comment, due after the delay; call inside its
 * transaction, with the author of the comment it answers (the caller read that comment already).
 */
export async function queueReplyNotices(trx: Kysely<DB>, comment: CommentRow, parentAuthorId: string | undefined, now: Date): Promise<void> {
  const submitterIds = parentAuthorId === undefined ? await paperSubmitters(trx, comment.paper_id) : [];
  const rows = noticeRecipients({ authorId: comment.user_id, parentAuthorId, submitterIds }).map((r) => ({ ...r, commentId: comment.id }));
  await enqueueNotices(trx, rows, now, new Date(now.getTime() + REPLY_MAIL_DELAY_MS));
}
