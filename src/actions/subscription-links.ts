/**
 * The signed links of a subscription, which work without a password or cookie: confirm (expires
 * after a week, and works once: confirmLink), preferences and unsubscribe (each signed for its own purpose, so one cannot be
 * used as the other). The token's payload is the subscriber id. A follow link (followLink) adds
 * one followed item to an active digest.
 */
import type { Follow } from '../core/digest.ts';
import type { Subscriber } from '../db/subscribers.ts';
import { hashToken, signToken, verifyToken } from '../security/tokens.ts';

const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export type LinkPurpose = 'digest-preferences' | 'digest-unsubscribe';

const PATHS: Record<LinkPurpose, string> = {
  'digest-preferences': '/subscription/',
  'digest-unsubscribe': '/unsubscribe/',
};

/** A token for a subscriber and purpose (these links do not expire). */
export function subscriptionToken(secret: string, purpose: LinkPurpose, subscriberId: string): string {
  return signToken(secret, purpose, subscriberId);
}

/** The absolute link for a subscriber and purpose. */
export function subscriptionLink(baseUrl: string, secret: string, purpose: LinkPurpose, subscriberId: string, _now?: Date): string {
  return `${baseUrl}${PATHS[purpose]}${subscriptionToken(secret, purpose, subscriberId)}`;
}

const CONFIRM_PURPOSE = 'digest-confirm';

/** What of a subscriber a confirmation link is stamped with: confirming, unsubscribing and a bounce each change it. */
export type ConfirmState = Pick<Subscriber, 'id' | 'confirmed_at' | 'unsubscribed_at' | 'bounced_at'>;

function confirmStamp(s: ConfirmState): string {
  return hashToken(`confirm\n${s.confirmed_at ?? ''}\n${s.unsubscribed_at ?? ''}\n${s.bounced_at ?? ''}`).slice(0, 16);
}

/**
 * The confirmation link of a subscription in its current state. It confirms once: confirming
 * changes the state it was stamped with, and so does an unsubscribe (or a bounce) after it was
 * mailed, so an old link cannot sign the address up again; subscribing anew mails a fresh one.
 */
export function confirmLink(baseUrl: string, secret: string, sub: ConfirmState, now: Date): string {
  return `${baseUrl}/subscribe/confirm/${signToken(secret, CONFIRM_PURPOSE, `${sub.id} ${confirmStamp(sub)}`, now.getTime() + CONFIRM_TTL_MS)}`;
}

/**
 * The subscriber a confirmation token was signed for and a test of whether it still confirms that
 * subscriber; undefined when forged, altered or expired. A link mailed before links were stamped
 * confirms only an address that was never confirmed nor unsubscribed.
 */
export function readConfirmToken(secret: string, token: string, now: Date): { subscriberId: string; current: (sub: ConfirmState) => boolean } | undefined {
  const [subscriberId, stamp, extra] = verifyToken(secret, CONFIRM_PURPOSE, token, now.getTime())?.split(' ') ?? [];
  if (!subscriberId || extra !== undefined) return undefined;
  return { subscriberId, current: (sub) => (stamp === undefined ? sub.confirmed_at === null && sub.unsubscribed_at === null : stamp === confirmStamp(sub)) };
}

/** The subscriber id a token was signed for, or undefined when forged, altered or expired. */
export function subscriberOfToken(secret: string, purpose: LinkPurpose, token: string, now: Date): string | undefined {
  return verifyToken(secret, purpose, token, now.getTime());
}

const FOLLOW_PURPOSE = 'digest-follow';

/**
 * The link mailed to an active subscriber whom a visitor's Follow button named: it adds that one
 * followed item once its owner presses the button of its page (expires after a week, as
 * confirmation links do). The payload is the subscriber id and the follow.
 */
export function followLink(baseUrl: string, secret: string, subscriberId: string, follow: Follow, now: Date): string {
  return `${baseUrl}/subscribe/follow/${signToken(secret, FOLLOW_PURPOSE, JSON.stringify([subscriberId, follow.kind, follow.value]), now.getTime() + CONFIRM_TTL_MS)}`;
}

/** The subscriber and follow a follow link was signed for, or undefined when forged, altered or expired. */
export function followOfToken(secret: string, token: string, now: Date): { subscriberId: string; follow: Follow } | undefined {
  const payload = verifyToken(secret, FOLLOW_PURPOSE, token, now.getTime());
  if (!payload) return undefined;
  const [subscriberId, kind, value] = JSON.parse(payload) as [string, Follow['kind'], string];
  return { subscriberId, follow: { kind, value } };
}
