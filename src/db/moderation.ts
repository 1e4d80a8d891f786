/**
 * What moderators change in the store besides comments: papers hidden from every listing (the
 * text sequence moves so search indexes drop them too) and banned accounts.
 */
import type { Kysely } from 'kysely';
import { lockPaperWrites, nextTextSeq } from './papers.ts';
import type { DB } from './schema.ts';

/** A paper by id or arXiv id, hidden or not, for moderators. */
export async function findPaperAnyState(db: Kysely<DB>, id: string): Promise<{ id: string; title: string; hidden: number } | undefined> {
  return db
    .selectFrom('papers')
    .select(['id', 'title', 'hidden'])
    .where((eb) => eb.or([eb('id', '=', id), eb('arxiv_id', '=', id)]))
    .orderBy('hidden')
    .executeTakeFirst();
}

/**
 * Hides or shows a paper; false when it already was. The text sequence is bumped so that every
 * node's search index, which follows text_seq, drops (or takes back) the paper. Call inside a
 * transaction: in PostgreSQL the counter row stays locked until commit.
 */
export async function setPaperHidden(db: Kysely<DB>, paperId: string, hidden: boolean, now: Date): Promise<boolean> {
  await lockPaperWrites(db);
  const r = await db
    .updateTable('papers')
    .set({ hidden: hidden ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', paperId)
    .where('hidden', '=', hidden ? 0 : 1)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const seq = await nextTextSeq(db);
  await db.updateTable('papers').set({ text_seq: seq }).where('id', '=', paperId).execute();
  return true;
}

/** Hidden papers, most recently changed first. */
export async function listHiddenPapers(db: Kysely<DB>, limit: number): Promise<{ id: string; title: string; updated_at: string }[]> {
  return db.selectFrom('papers').select(['id', 'title', 'updated_at']).where('hidden', '=', 1).orderBy('updated_at', 'desc').limit(limit).execute();
}

/** Bans or unbans an account; false when it already was. */
export async function setUserBanned(db: Kysely<DB>, userId: string, banned: boolean): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ banned: banned ? 1 : 0 })
    .where('id', '=', userId)
    .where('banned', '=', banned ? 0 : 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Banned accounts by handle. */
export async function listBannedUsers(db: Kysely<DB>, limit: number): Promise<{ id: string; handle: string; name: string }[]> {
  return db.selectFrom('users').select(['id', 'handle', 'name']).where('banned', '=', 1).orderBy('handle').limit(limit).execute();
}
