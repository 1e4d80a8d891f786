/**
 * Following from the site: a signed-in user follows a topic (a search), an author, an
 * organization or an arXiv category with one button, into the digest of their account's address.
 * That address was confirmed with the account and the click is the request, so the subscription
 * is active at once: a new one with the default preferences (daily, 08:00 in the browser's time
 * zone when the form carried it, else UTC; trending papers after the followed items), or the
 * existing one, re-activated if it had been stopped. The same
 * holds for "start my digest" from the account (startDigestForUser), and digestOfUser finds the
 * account's digest for its menu link.
 */
import type { Kysely } from 'kysely';
import { type Follow, type FollowKind, isFollowed, validateFollow } from '../core/digest.ts';
import { AppError, badRequest } from '../core/errors.ts';
import { timeZoneOrUndefined } from '../core/digest-period.ts';
import { lockSubscriber } from '../db/row-locks.ts';
import type { DB } from '../db/schema.ts';
import { addFollow, findSubscriberByEmail, insertSubscriber, listFollows, type Subscriber, updateSubscriber } from '../db/subscribers.ts';
import type { User } from '../db/users.ts';
import { randomToken } from '../security/tokens.ts';
import { parseEmail } from './subscribe.ts';
import { MAX_FOLLOWS } from './subscription-prefs.ts';

const KINDS: readonly FollowKind[] = ['topic', 'author', 'organization', 'category'];

/** Validates what a follow button sends; throws a 400 with a message for the person. */
export function parseFollow(kind: unknown, value: unknown): Follow {
  if (typeof kind !== 'string' || !KINDS.includes(kind as FollowKind)) throw badRequest('invalid_follow', 'Follow a topic, an author, an organization or a category.');
  const v = validateFollow(kind as FollowKind, typeof value === 'string' ? value : '');
  if ('error' in v) throw badRequest('invalid_follow', `Cannot follow that: ${v.error}.`);
  return { kind: kind as FollowKind, value: v.value };
}

/** The digest subscription of the account's address, if it has one. */
export async function digestOfUser(db: Kysely<DB>, user: User): Promise<Subscriber | undefined> {
  return findSubscriberByEmail(db, parseEmail(user.email));
}

/**
 * The account's digest, created or re-activated (the account's confirmed address, the click as the
 * request). A new one starts in `timezone` when it is a valid one (the browser's, from the form).
 */
async function activeDigestOf(db: Kysely<DB>, user: User, now: Date, timezone?: unknown): Promise<Subscriber> {
  if (user.banned) throw new AppError(403, 'banned', 'This account has been suspended.');
  if (!user.verified) throw new AppError(403, 'unverified', 'Confirm your email address first: the digest goes to it.');
  const email = parseEmail(user.email);
  let sub = await findSubscriberByEmail(db, email);
  if (!sub) {
    const tz = timeZoneOrUndefined(timezone);
    await insertSubscriber(db, { id: randomToken().slice(0, 22), email, created_at: now.toISOString(), ...(tz ? { timezone: tz } : {}) });
    sub = await findSubscriberByEmail(db, email);
    if (!sub) throw new AppError(500, 'internal', 'The subscription could not be stored.');
  }
  if (sub.status !== 'active') {
    await updateSubscriber(db, sub.id, { status: 'active', confirmed_at: now.toISOString(), unsubscribed_at: null, bounced_at: null, bounce_reason: null });
  }
  return sub;
}

/** Starts (or restarts) the account's digest with its current preferences; returns its subscriber id. */
export async function startDigestForUser(db: Kysely<DB>, user: User, now: Date, timezone?: unknown): Promise<string> {
  return db.transaction().execute(async (trx) => (await activeDigestOf(trx, user, now, timezone)).id);
}

/** Adds a followed item to the user's digest; returns its subscriber and whether it was new. */
export async function followForUser(db: Kysely<DB>, user: User, follow: Follow, now: Date, timezone?: unknown): Promise<{ subscriberId: string; added: boolean }> {
  return db.transaction().execute(async (trx) => {
    const sub = await activeDigestOf(trx, user, now, timezone);
    // Two follows at once count one after the other, so the limit holds exactly.
    await lockSubscriber(trx, sub.id);
    const follows = await listFollows(trx, sub.id);
    if (isFollowed(follows, follow)) return { subscriberId: sub.id, added: false };
    if (follows.length >= MAX_FOLLOWS) throw badRequest('too_many_follows', `Your digest already follows ${MAX_FOLLOWS} items: remove some on its preferences page first.`);
    return { subscriberId: sub.id, added: await addFollow(trx, sub.id, follow) };
  });
}

/** What the account's digest follows while it is active, as `kind:value` keys (see followKey); empty without one. */
export async function followsOfUser(db: Kysely<DB>, user: User): Promise<Set<string>> {
  const sub = await digestOfUser(db, user);
  if (!sub || sub.status !== 'active') return new Set();
  return new Set((await listFollows(db, sub.id)).map(followKey));
}

/** The key of a followed item, as the digest stores it (the value already normalized by parseFollow). */
export const followKey = (f: Follow): string => `${f.kind}:${f.value}`;
