/**
 * What deleting an account does to the store, step by step; the caller runs them in one
 * transaction. Upvotes go as unvoting takes them (each paper's count and trending score follow);
 * comments go too, except those with replies, which stay as "[deleted]" placeholders so the thread
 * keeps its shape, and each paper's comment count moves with them; everything else the account
 * owned goes. The audit log keeps its rows. The account's row stays, emptied, so its handle stays
 * reserved and placeholders keep their author reference.
 */
import type { Kysely } from 'kysely';
import { adjustPaperComments, softDeleteComment } from './comments.ts';
import type { DB } from './schema.ts';
import { setVote } from './votes.ts';

/** Takes back every upvote of a user, each exactly as unvoting does. */
export async function removeUserVotes(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const votes = await db.selectFrom('votes').select('paper_id').where('user_id', '=', userId).orderBy('paper_id').execute();
  for (const v of votes) await setVote(db, userId, v.paper_id, false, now);
  return votes.length;
}

/**
 * Removes a user's comments that nothing replies to, again and again (a reply of their own to
 * their own comment goes first, then that comment), uncounting the visible ones; the rest, which
 * others answered, become placeholders without author or text.
 */
export async function removeUserComments(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  for (;;) {
    const leaves = await db
      .selectFrom('comments as c')
      .select(['c.id', 'c.paper_id', 'c.deleted_at', 'c.hidden'])
      .where('c.user_id', '=', userId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('comments as r').select('r.id').whereRef('r.parent_id', '=', 'c.id'))))
      .execute();
    if (leaves.length === 0) break;
    await db.deleteFrom('comments').where('id', 'in', leaves.map((l) => l.id)).execute();
    const uncount = new Map<string, number>();
    for (const l of leaves) if (l.deleted_at === null && l.hidden === 0) uncount.set(l.paper_id, (uncount.get(l.paper_id) ?? 0) + 1);
    for (const [paperId, n] of uncount) await adjustPaperComments(db, paperId, -n, now);
  }
  const answered = await db.selectFrom('comments').selectAll().where('user_id', '=', userId).where('deleted_at', 'is', null).execute();
  for (const c of answered) await softDeleteComment(db, c, now);
}

/**
 * Removes what a user owned or asked for: collections, memberships and invitations to
 * organizations, claims, submissions, sessions, tokens, pending links. Invitations the user sent
 * stay, from no one.
 */
export async function removeUserBelongings(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db.deleteFrom('collection_items').where('collection_id', 'in', db.selectFrom('collections').select('id').where('user_id', '=', userId)).execute();
  await db.deleteFrom('collections').where('user_id', '=', userId).execute();
  await db.deleteFrom('org_members').where('user_id', '=', userId).execute();
  await db.deleteFrom('org_invitations').where('user_id', '=', userId).execute();
  await db.updateTable('org_invitations').set({ invited_by: null }).where('invited_by', '=', userId).execute();
  await db.deleteFrom('author_claims').where('user_id', '=', userId).execute();
  await db.deleteFrom('submissions').where('user_id', '=', userId).execute();
  // The papers stay, no longer "submitted by" anyone.
  await db.updateTable('papers').set({ submitted_by: null, submitted_by_user: null, updated_at: now.toISOString() }).where('submitted_by_user', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  await db.deleteFrom('password_resets').where('user_id', '=', userId).execute();
  await db.deleteFrom('email_changes').where('user_id', '=', userId).execute();
}

/** Ends the digest subscription of an address, with what it follows and its outbox. */
export async function removeSubscription(db: Kysely<DB>, email: string): Promise<void> {
  const sub = await db.selectFrom('subscribers').select('id').where('email', '=', email).executeTakeFirst();
  if (!sub) return;
  await db.deleteFrom('subscriber_follows').where('subscriber_id', '=', sub.id).execute();
  await db.deleteFrom('digest_outbox').where('subscriber_id', '=', sub.id).execute();
  await db.deleteFrom('subscribers').where('id', '=', sub.id).execute();
}

/**
 * Empties the account's row and marks it deleted: no address (its own can sign up again), no
 * password, no name, no role; the handle stays, reserved. False when it was deleted already.
 */
export async function markUserDeleted(db: Kysely<DB>, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ email: `deleted:${userId}`, name: '[deleted]', password_hash: '', role: 'user', banned: 0, public_upvotes: 0, verified_at: null, deleted_at: now.toISOString() })
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The administrators other than this user, counted under a lock on every administrator's row (in
 * PostgreSQL), so two administrators deleting themselves at once cannot both be "not the last".
 */
export async function otherAdmins(db: Kysely<DB>, userId: string): Promise<number> {
  await db.updateTable('users').set({ role: 'admin' }).where('role', '=', 'admin').where('deleted_at', 'is', null).execute();
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
