/**
 * The signed token of an address-confirmation link. It names the account and a fingerprint of the
 * password hash chosen with the sign-up it was mailed for: once the password changes (a reset,
 * which confirms the address itself), the earlier links stop working. A link confirms only the
 * password chosen with it.
 */
import { hashToken, signToken, verifyToken } from '../security/tokens.ts';

export const VERIFY_DAYS = 2;
const PURPOSE = 'verify-email';
const DAY_MS = 86_400_000;

/** A short fingerprint of a password hash for one purpose (the hash is salted, so each password's differs). */
export function stampOf(passwordHash: string, purpose = 'confirm'): string {
  return hashToken(`${purpose}\n${passwordHash}`).slice(0, 16);
}

/** The token of a confirmation link for an account and the password hash it was mailed for. */
export function confirmToken(secret: string, userId: string, passwordHash: string, now: Date): string {
  return signToken(secret, PURPOSE, `${userId} ${stampOf(passwordHash)}`, now.getTime() + VERIFY_DAYS * DAY_MS);
}

/** The account a confirmation token names, and whether it was mailed for this password hash; undefined when forged or expired. */
export function readConfirmToken(secret: string, token: string, now: Date): { userId: string; matches: (passwordHash: string) => boolean } | undefined {
  const [userId, stamp, extra] = verifyToken(secret, PURPOSE, token, now.getTime())?.split(' ') ?? [];
  if (!userId || !stamp || extra !== undefined) return undefined;
  return { userId, matches: (passwordHash) => stampOf(passwordHash) === stamp };
}
