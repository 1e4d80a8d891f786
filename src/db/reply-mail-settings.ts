/**
 * An account's reply mails in the store: whether they are on (no row: on), the bounce that
 * turned them off, who submitted a paper (they hear of new discussions of it), and what a mail
 * needs to know of its comments and of its recipient.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Whether an account gets reply mails, and when mail to it bounced (which turned them off). */
export interface ReplyMailSetting {
  enabled: boolean;
  bouncedAt: string | null;
}

/** An account's setting (on when never set). */
export async function replyMailSetting(db: Kysely<DB>, userId: string): Promise<ReplyMailSetting> {
  const row = await db.selectFrom('reply_mail_settings').select(['enabled', 'bounced_at']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { enabled: row.enabled === 1, bouncedAt: row.bounced_at } : { enabled: true, bouncedAt: null };
}

async function upsertSetting(db: Kysely<DB>, userId: string, values: { enabled: number; updated_at: string; bounced_at?: string | null; bounce_reason?: string | null }): Promise<void> {
  await db
    .insertInto('reply_mail_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Turns an account's reply mails on or off; on also forgets a bounce (its owner says the address works). */
export async function setReplyMails(db: Kysely<DB>, userId: string, enabled: boolean, now: Date): Promise<void> {
  await upsertSetting(db, userId, { enabled: enabled ? 1 : 0, updated_at: now.toISOString(), ...(enabled ? { bounced_at: null, bounce_reason: null } : {}) });
}

/** Records that the account's address refused mail for good: reply mails stop until its owner turns them on again. */
export async function markReplyMailsBounced(db: Kysely<DB>, userId: string, reason: string, now: Date): Promise<void> {
  await upsertSetting(db, userId, { enabled: 0, bounced_at: now.toISOString(), bounce_reason: reason, updated_at: now.toISOString() });
}

/** The accounts that submitted a paper (they hear of the discussions it starts). */
export async function paperSubmitters(db: Kysely<DB>, paperId: string): Promise<string[]> {
  const rows = await db.selectFrom('submissions').select('user_id').where('paper_id', '=', paperId).execute();
  return rows.map((r) => r.user_id);
}

/** Who a reply mail goes to, as the sender checks them at sending time. */
export interface ReplyRecipient {
  id: string;
  email: string;
  handle: string;
  banned: boolean;
  verified: boolean;
  deleted: boolean;
  enabled: boolean;
}

/** A recipient by account id (deleted accounts included, to be told apart). */
export async function replyRecipient(db: Kysely<DB>, userId: string): Promise<ReplyRecipient | undefined> {
  const r = await db
    .selectFrom('users')
    .leftJoin('reply_mail_settings as s', 's.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.handle', 'users.banned', 'users.verified_at', 'users.deleted_at', 's.enabled'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!r) return undefined;
  return { id: r.id, email: r.email, handle: r.handle, banned: r.banned === 1, verified: r.verified_at !== null, deleted: r.deleted_at !== null, enabled: r.enabled !== 0 };
}

/** A comment as a reply mail tells of it, with what decides whether it still should. */
export interface NoticeComment {
  id: string;
  body: string;
  live: boolean;
  authorHandle: string;
  authorName: string;
  authorOk: boolean;
  paperId: string;
  paperTitle: string;
  paperHidden: boolean;
  /** False when the answered comment was deleted meanwhile. */
  parentLive: boolean;
}

/** The comments of these ids, as they are now (comments removed since are missing). */
export async function noticeComments(db: Kysely<DB>, ids: string[]): Promise<Map<string, NoticeComment>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments as c')
    .innerJoin('users as a', 'a.id', 'c.user_id')
    .innerJoin('papers as p', 'p.id', 'c.paper_id')
    .leftJoin('comments as parent', 'parent.id', 'c.parent_id')
    .select(['c.id', 'c.body', 'c.deleted_at', 'c.hidden', 'c.parent_id', 'a.handle', 'a.name', 'a.banned', 'a.deleted_at as author_deleted_at', 'p.id as paper_id', 'p.title', 'p.hidden as paper_hidden', 'parent.deleted_at as parent_deleted_at'])
    .where('c.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        body: r.body,
        live: r.deleted_at === null && r.hidden === 0,
        authorHandle: r.handle,
        authorName: r.name,
        authorOk: r.banned === 0 && r.author_deleted_at === null,
        paperId: r.paper_id,
        paperTitle: r.title,
        paperHidden: r.paper_hidden === 1,
        parentLive: r.parent_id === null || r.parent_deleted_at === null,
      },
    ]),
  );
}
