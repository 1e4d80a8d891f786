/**
 * What a user's profile shows, to the page and the API alike: the first page of their
 * submissions, upvotes (when public, or to themselves) and comments with each list's total, their
 * collections (the public ones, or all of their own), the author names their approved claims
 * hold and the organizations they are a member of, and any one of the three lists a page at a
 * time. A banned user's profile exists only for themselves and for moderators and administrators.
 * Also the owner's choice of whether their upvotes are public.
 */
import type { Kysely } from 'kysely';
import { notFound } from '../core/errors.ts';
import type { PastEnd } from '../core/past-end.ts';
import { claimedNames } from '../db/claims.ts';
import type { Paper } from '../core/paper.ts';
import { type Collection, listPublicCollections, listUserCollections } from '../db/collections.ts';
import { type OrgRole, organizationsOf } from '../db/organizations.ts';
import { type Listed, type Paging, type ProfileComment, setPublicUpvotes as storePublicUpvotes, submittedPapers, upvotedPapers, userComments } from '../db/profiles.ts';
import type { DB } from '../db/schema.ts';
import { findUserByHandle, type User } from '../db/users.ts';
import { isStaff } from '../core/staff.ts';

export type { ProfileComment } from '../db/profiles.ts';

/** Items of each list on a profile, and per page of a list. */
export const PROFILE_ITEMS = 30;

/** The lists a profile pages through. */
export const PROFILE_LISTS = ['submitted', 'upvoted', 'comments'] as const;
export type ProfileList = (typeof PROFILE_LISTS)[number];

export interface ProfileActivity {
  submitted: Listed<Paper>;
  /** Empty (total 0) when the upvotes are not shown. */
  upvoted: Listed<Paper>;
  comments: Listed<ProfileComment>;
}

export interface Profile {
  user: User;
  /** The viewer is this user. */
  own: boolean;
  /** Whether `activity.upvoted` is shown (it is empty otherwise). */
  showUpvotes: boolean;
  activity: ProfileActivity;
  collections: Collection[];
  /** Author names the user's approved claims hold. */
  authorNames: string[];
  /** Organizations the user is a member of. */
  organizations: { handle: string; name: string; role: OrgRole }[];
}

/** One page of one of a profile's lists. */
export type ProfileListPage = { user: User; own: boolean; page: number; pages: number; total: number } & (
  | { list: 'submitted' | 'upvoted'; items: Paper[] }
  | { list: 'comments'; items: ProfileComment[] }
);

const NONE: Listed<Paper> = { items: [], total: 0 };

/** The user @handle as `viewer` (undefined: signed out) may see them, or a 404. */
async function visibleUser(db: Kysely<DB>, handle: string, viewer: User | undefined): Promise<{ user: User; own: boolean; showUpvotes: boolean }> {
  const user = await findUserByHandle(db, handle);
  const own = !!user && viewer?.id === user.id;
  if (!user || (user.banned && !own && !isStaff(viewer))) throw notFound(`There is no user @${handle.slice(0, 40)}.`);
  return { user, own, showUpvotes: own || user.publicUpvotes };
}

/** The profile of @handle as `viewer` may see it, or a 404. */
export async function viewProfile(db: Kysely<DB>, handle: string, viewer: User | undefined): Promise<Profile> {
  const { user, own, showUpvotes } = await visibleUser(db, handle, viewer);
  const first: Paging = { limit: PROFILE_ITEMS, offset: 0 };
  const [submitted, upvoted, comments, collections, authorNames, organizations] = await Promise.all([
    submittedPapers(db, user.id, first),
    showUpvotes ? upvotedPapers(db, user.id, first) : NONE,
    userComments(db, user.id, first),
    own ? listUserCollections(db, user.id) : listPublicCollections(db, user.id),
    claimedNames(db, user.id),
    organizationsOf(db, user.id),
  ]);
  return { user, own, showUpvotes, activity: { submitted, upvoted, comments }, collections, authorNames, organizations };
}

/** Page `page` of one list of @handle's profile; a 404 for private upvotes, and past the last page a 404 or (`pastEnd: 'empty'`, the API) no items. */
export async function viewProfileList(db: Kysely<DB>, handle: string, viewer: User | undefined, list: ProfileList, page: number, perPage = PROFILE_ITEMS, pastEnd: PastEnd = 'notFound'): Promise<ProfileListPage> {
  const { user, own, showUpvotes } = await visibleUser(db, handle, viewer);
  if (list === 'upvoted' && !showUpvotes) throw notFound(`@${user.handle} keeps their upvotes private.`);
  const paging: Paging = { limit: perPage, offset: (page - 1) * perPage };
  const at = (total: number) => {
    const pages = Math.max(1, Math.ceil(total / perPage));
    if (page > pages && pastEnd === 'notFound') throw notFound(`That list has ${pages} page${pages === 1 ? '' : 's'}.`);
    return { user, own, page, pages, total };
  };
  if (list === 'comments') {
    const { items, total } = await userComments(db, user.id, paging);
    return { ...at(total), list, items };
  }
  const { items, total } = await (list === 'submitted' ? submittedPapers : upvotedPapers)(db, user.id, paging);
  return { ...at(total), list, items };
}

/** Makes the user's upvotes public on their profile, or private again (the settings' choice). */
export async function setPublicUpvotes(db: Kysely<DB>, user: User, value: boolean): Promise<void> {
  await storePublicUpvotes(db, user.id, value);
}
