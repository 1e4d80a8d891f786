/**
 * The signed links of a subscription, which work without a password or cookie: confirm (expires
 * after a week), preferences and unsubscribe (each signed for its own purpose, so one cannot be
 * used as the other). The token's payload is the subscriber id.
 */
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
