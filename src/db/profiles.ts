/**
 * What a profile shows about a user, newest first and a page at a time: the papers they
 * submitted, the papers they upvoted (when public) and their comments, each with its total.
 * Hidden papers, and deleted or hidden comments, are left out of lists and totals alike.
 */
import type { Kysely } from 'kysely';
import type { Paper } from '../core/paper.ts';
import { orgNameColumn, rowToPaper } from './papers.ts';
import type { DB } from './schema.ts';

/** Renames an account, and the "submitted by" of the papers it submitted, in one transaction. */
export async function setDisplayName(db: Kysely<DB>, userId: string, name: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ name }).where('id', '=', userId).execute();
    await tx.updateTable('papers').set({ submitted_by: name, updated_at: now.toISOString() }).where('submitted_by_user', '=', userId).execute();
  });
}

/** A user's comment as their profile lists it. */
export interface ProfileComment {
  id: string;
  paperId: string;
  paperTitle: string;
  body: string;
  createdAt: string;
}

/** One page of a list, and how many items the whole list holds. */
export interface Listed<T> {
  items: T[];
  total: number;
}

export interface Paging {
  limit: number;
  offset: number;
}

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }): Promise<number> => Number((await q.executeTakeFirstOrThrow()).n);

/** The papers a user submitted, latest first. */
export async function submittedPapers(db: Kysely<DB>, userId: string, page: Paging): Promise<Listed<Paper>> {
  const base = db.selectFrom('papers').where('submitted_by_user', '=', userId).where('hidden', '=', 0);
  const [rows, total] = await Promise.all([
    base.selectAll().select(orgNameColumn).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    count(base.select((eb) => eb.fn.countAll().as('n'))),
  ]);
  return { items: rows.map(rowToPaper), total };
}

/** The papers a user upvoted, latest vote first. */
export async function upvotedPapers(db: Kysely<DB>, userId: string, page: Paging): Promise<Listed<Paper>> {
  const base = db.selectFrom('votes').innerJoin('papers', 'papers.id', 'votes.paper_id').where('votes.user_id', '=', userId).where('papers.hidden', '=', 0);
  const [rows, total] = await Promise.all([
    base.selectAll('papers').select(orgNameColumn).orderBy('votes.created_at', 'desc').orderBy('papers.id').limit(page.limit).offset(page.offset).execute(),
    count(base.select((eb) => eb.fn.countAll().as('n'))),
  ]);
  return { items: rows.map(rowToPaper), total };
}

/** A user's comments that are still shown, latest first. */
export async function userComments(db: Kysely<DB>, userId: string, page: Paging): Promise<Listed<ProfileComment>> {
  const base = db
    .selectFrom('comments')
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .where('comments.user_id', '=', userId)
    .where('comments.deleted_at', 'is', null)
    .where('comments.hidden', '=', 0)
    .where('papers.hidden', '=', 0);
  const [items, total] = await Promise.all([
    base
      .select(['comments.id', 'comments.paper_id as paperId', 'papers.title as paperTitle', 'comments.body', 'comments.created_at as createdAt'])
      .orderBy('comments.created_at', 'desc')
      .orderBy('comments.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    count(base.select((eb) => eb.fn.countAll().as('n'))),
  ]);
  return { items, total };
}

/** Makes a user's upvotes public or private. */
export async function setPublicUpvotes(db: Kysely<DB>, userId: string, value: boolean): Promise<void> {
  await db.updateTable('users').set({ public_upvotes: value ? 1 : 0 }).where('id', '=', userId).execute();
}
