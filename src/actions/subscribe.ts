/**
 * Subscribing to the digest, double opt-in: an address gets a confirmation mail with a signed
 * link and nothing else until the link is followed. Asking again re-sends the confirmation (or,
 * for a confirmed address, its preferences link), so the answer never reveals who subscribed.
 * The mail goes out in the background (a slow mail server does not hold the page), at most a few
 * an hour per address (past that, the same answer and no mail, so nobody can flood an inbox).
 * Confirming and unsubscribing take effect at once. A confirmation link confirms once, and not
 * after an unsubscribe that came after it: subscribing again takes a new confirmation mail.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Follow, followLabel, isFollowed } from '../core/digest.ts';
import { timeZoneOrUndefined } from '../core/digest-period.ts';
import { AppError, badRequest } from '../core/errors.ts';
import { lockSubscriber } from '../db/row-locks.ts';
import { addFollow, findSubscriberByEmail, getSubscriber, insertSubscriber, listFollows, type Subscriber, updateSubscriber } from '../db/subscribers.ts';
import type { DB } from '../db/schema.ts';
import type { MailLater } from '../mail/background.ts';
import { alreadySubscribedMail, confirmationMail } from '../mail/subscription-mail.ts';
import { randomToken } from '../security/tokens.ts';
import { enforceLimit, LIMITS, withinLimit } from './rate-limit.ts';
import { confirmLink, followLink, followOfToken, readConfirmToken, subscriberOfToken, subscriptionLink } from './subscription-links.ts';
import { MAX_FOLLOWS } from './subscription-prefs.ts';

export interface SubscriptionDeps {
  db: Kysely<DB>;
  /** Background sending: the answer does not wait for the mail server. */
  mail: Pick<MailLater, 'send'>;
  secret: string;
  baseUrl: string;
  siteName: string;
  now: Date;
}

const EMAIL = z.string().trim().toLowerCase().max(254).email();

/** Normalizes an address; throws a 400 for anything that is not one. */
export function parseEmail(raw: unknown): string {
  const parsed = EMAIL.safeParse(raw);
  if (!parsed.success) throw badRequest('invalid_email', 'Please enter a valid email address.');
  return parsed.data;
}

/**
 * Starts (or restarts) a subscription and mails the confirmation link (in the background). A new
 * subscription takes the browser's time zone when the form sent a valid one (else UTC). A follow
 * asked for with it (a visitor's Follow button) is added only by the mailbox's owner: for a
 * subscription not active yet, by the confirmation link, which carries it; for an active one, by a
 * link whose page's button adds it (followFromLink). Nobody adds to another's digest by knowing
 * the address.
 */
export async function subscribe(deps: SubscriptionDeps, input: { email: unknown; timezone?: unknown; follow?: Follow; ip: string }): Promise<void> {
  const email = parseEmail(input.email);
  await enforceLimit(deps.db, LIMITS.subscribePerIp, input.ip, deps.now);
  // Past the address's limit the caller answers as usual: a 429 would tell that someone else asked.
  if (!(await withinLimit(deps.db, LIMITS.subscribePerAddress, email, deps.now))) return;
  let sub = await findSubscriberByEmail(deps.db, email);
  if (!sub) {
    const timezone = timeZoneOrUndefined(input.timezone);
    await insertSubscriber(deps.db, { id: randomToken().slice(0, 22), email, created_at: deps.now.toISOString(), ...(timezone ? { timezone } : {}) });
    sub = await findSubscriberByEmail(deps.db, email);
    if (!sub) throw new AppError(500, 'internal', 'The subscription could not be stored.');
  }
  // Nothing is added before the mailbox's owner clicks: for a digest not active yet, the follow
  // rides on the confirmation link (a signed follow token) and is added as it confirms.
  const follow = input.follow ? { label: followLabel(input.follow), url: followLink(deps.baseUrl, deps.secret, sub.id, input.follow, deps.now) } : undefined;
  const mail =
    sub.status === 'active'
      ? alreadySubscribedMail(
          deps.siteName,
          subscriptionLink(deps.baseUrl, deps.secret, 'digest-preferences', sub.id, deps.now),
          follow,
        )
      : confirmationMail(deps.siteName, withFollow(confirmLink(deps.baseUrl, deps.secret, sub, deps.now), follow?.url), follow?.label);
  deps.mail.send({ to: email, ...mail });
}

/** A confirmation link carrying a follow link's token (`?follow=`), added when it confirms. */
function withFollow(confirmUrl: string, followUrl: string | undefined): string {
  const token = followUrl?.slice(followUrl.lastIndexOf('/') + 1);
  return token ? `${confirmUrl}?follow=${encodeURIComponent(token)}` : confirmUrl;
}

/**
 * A confirmation link's subscriber and whether the link still confirms: not once it was used, nor
 * after an unsubscribe (or a bounce) that came after it was mailed. Undefined for a bad link.
 */
export async function confirmLinkState(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<{ sub: Subscriber; current: boolean } | undefined> {
  const read = readConfirmToken(secret, token, now);
  const sub = read ? await getSubscriber(db, read.subscriberId) : undefined;
  return read && sub ? { sub, current: read.current(sub) } : undefined;
}

/**
 * Confirms a subscription from its link, once: the subscriber and whether this confirmed it (a
 * used or stale link changes nothing); undefined for a bad link. A fresh link re-activates an
 * address that unsubscribed or bounced before it was mailed: its owner asked again.
 */
export async function confirmSubscription(db: Kysely<DB>, secret: string, token: string, now: Date, followToken?: string): Promise<{ sub: Subscriber; confirmed: boolean } | undefined> {
  const read = readConfirmToken(secret, token, now);
  if (!read) return undefined;
  // The follow a visitor's Follow button asked for with the address: only for this subscriber.
  const asked = followToken ? followOfToken(secret, followToken, now) : undefined;
  const follow = asked?.subscriberId === read.subscriberId ? asked.follow : undefined;
  return db.transaction().execute(async (trx) => {
    // Two presses at once: the second reads the state the first left, and finds the link used.
    await lockSubscriber(trx, read.subscriberId);
    const sub = await getSubscriber(trx, read.subscriberId);
    if (!sub) return undefined;
    if (!read.current(sub)) return { sub, confirmed: false };
    await updateSubscriber(trx, sub.id, { status: 'active', confirmed_at: now.toISOString(), unsubscribed_at: null, bounced_at: null, bounce_reason: null });
    if (follow) {
      const follows = await listFollows(trx, sub.id);
      const known = isFollowed(follows, follow);
      if (!known && follows.length < MAX_FOLLOWS) await addFollow(trx, sub.id, follow);
    }
    return { sub: (await getSubscriber(trx, sub.id))!, confirmed: true };
  });
}

/** The subscriber and follow of a follow link (see followLink), or undefined for a bad link. */
export async function followLinkTarget(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<{ sub: Subscriber; follow: Follow } | undefined> {
  const target = followOfToken(secret, token, now);
  const sub = target ? await getSubscriber(db, target.subscriberId) : undefined;
  return target && sub ? { sub, follow: target.follow } : undefined;
}

/**
 * Adds the follow of a follow link to its digest (the button of the link's page: the signed link
 * proves the mailbox's owner). Says whether it was new, already followed, or refused because the
 * digest follows MAX_FOLLOWS items; undefined for a bad link.
 */
export async function followFromLink(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<{ sub: Subscriber; follow: Follow; result: 'new' | 'again' | 'full' } | undefined> {
  return db.transaction().execute(async (trx) => {
    const target = await followLinkTarget(trx, secret, token, now);
    if (!target) return undefined;
    // Two follows at once count one after the other, so the limit holds exactly.
    await lockSubscriber(trx, target.sub.id);
    const follows = await listFollows(trx, target.sub.id);
    if (isFollowed(follows, target.follow)) return { ...target, result: 'again' as const };
    if (follows.length >= MAX_FOLLOWS) return { ...target, result: 'full' as const };
    await addFollow(trx, target.sub.id, target.follow);
    return { ...target, result: 'new' as const };
  });
}

/** The subscriber a preferences or unsubscribe link is for, or undefined for a bad link. */
export async function subscriberFromLink(db: Kysely<DB>, secret: string, purpose: 'digest-preferences' | 'digest-unsubscribe', token: string, now: Date): Promise<Subscriber | undefined> {
  const id = subscriberOfToken(secret, purpose, token, now);
  return id ? getSubscriber(db, id) : undefined;
}

/** How long after unsubscribing the page that follows can undo it. */
export const UNDO_MS = 60 * 60_000;

/**
 * Undoes an unsubscribe of the last hour made with the same signed link (a click by mistake): the
 * address was confirmed before and the link proves its owner, so it is active again at once. Past
 * the hour nothing changes (old digests carry the link, and whoever holds one must not be able to
 * sign the address up again): subscribing anew takes the confirmation mail. A bounced address
 * stays stopped too. Undefined for a bad link.
 */
export async function resubscribe(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<Subscriber | undefined> {
  const sub = await subscriberFromLink(db, secret, 'digest-unsubscribe', token, now);
  if (!sub) return undefined;
  const recent = sub.unsubscribed_at !== null && now.getTime() - Date.parse(sub.unsubscribed_at) < UNDO_MS;
  if (sub.status === 'unsubscribed' && sub.confirmed_at && recent) await updateSubscriber(db, sub.id, { status: 'active', unsubscribed_at: null });
  return getSubscriber(db, sub.id);
}

/** Unsubscribes at once (idempotent); returns the subscriber, or undefined for a bad link. */
export async function unsubscribe(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<Subscriber | undefined> {
  const sub = await subscriberFromLink(db, secret, 'digest-unsubscribe', token, now);
  if (!sub) return undefined;
  if (sub.status !== 'unsubscribed') await updateSubscriber(db, sub.id, { status: 'unsubscribed', unsubscribed_at: now.toISOString() });
  return getSubscriber(db, sub.id);
}
