/**
 * The signed links of a subscription, which work without a password or cookie: confirm (expires
 * after a week), preferences and unsubscribe (each signed for its own purpose, so one cannot be
 * used as the other). The token's payload is the subscriber id. A follow link (followLink) adds
 * one followed item to an active digest.
 */
import type { Follow } from '../core/digest.ts';
import { signToken, verifyToken } from '../security/tokens.ts';

const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export type LinkPurpose = 'digest-confirm' | 'digest-preferences' | 'digest-unsubscribe';

const PATHS: Record<LinkPurpose, string> = {
  'digest-confirm': '/subscribe/confirm/',
  'digest-preferences': '/subscription/',
  'digest-unsubscribe': '/unsubscribe/',
};

/** A token for a subscriber and purpose. */
export function subscriptionToken(secret: string, purpose: LinkPurpose, subscriberId: string, now: Date): string {
  return signToken(secret, purpose, subscriberId, purpose === 'digest-confirm' ? now.getTime() + CONFIRM_TTL_MS : undefined);
}

/** The absolute link for a subscriber and purpose. */
export function subscriptionLink(baseUrl: string, secret: string, purpose: LinkPurpose, subscriberId: string, now: Date): string {
  return `${baseUrl}${PATHS[purpose]}${subscriptionToken(secret, purpose, subscriberId, now)}`;
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
