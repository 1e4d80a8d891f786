/**
 * What a user's profile shows, to the page and the API alike: their latest submissions, upvotes
 * (when public, or to themselves), comments and collections (the public ones, or all of their
 * own). A banned user's profile exists only for themselves.
 */
import type { Kysely } from 'kysely';
import { notFound } from '../core/errors.ts';
import { type Collection, listPublicCollections, listUserCollections } from '../db/collections.ts';
import { profileActivity, type ProfileActivity } from '../db/profiles.ts';
import type { DB } from '../db/schema.ts';
import { findUserByHandle, type User } from '../db/users.ts';

/** Items of each list on a profile. */
export const PROFILE_ITEMS = 30;

export interface Profile {
  user: User;
  /** The viewer is this user. */
  own: boolean;
  /** Whether `activity.upvoted` is shown (it is empty otherwise). */
  showUpvotes: boolean;
  activity: ProfileActivity;
  collections: Collection[];
}

/** The profile of @handle as `viewer` (undefined: signed out) may see it, or a 404. */
export async function viewProfile(db: Kysely<DB>, handle: string, viewer: User | undefined): Promise<Profile> {
  const user = await findUserByHandle(db, handle);
  const own = !!user && viewer?.id === user.id;
  if (!user || (user.banned && !own)) throw notFound(`There is no user @${handle.slice(0, 40)}.`);
  const showUpvotes = own || user.publicUpvotes;
  const [activity, collections] = await Promise.all([
    profileActivity(db, user.id, { withUpvotes: showUpvotes, limit: PROFILE_ITEMS }),
    own ? listUserCollections(db, user.id) : listPublicCollections(db, user.id),
  ]);
  return { user, own, showUpvotes, activity, collections };
}
