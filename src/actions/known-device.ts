/**
 * Known devices ("device cookies"): after a successful sign-in the browser gets a signed token
 * naming the account, a random id for that browser and a fingerprint of the password it signed in
 * with. Sign-in attempts for that account from a browser presenting it spend the browser's own
 * failure budget, not the account's, so someone failing on purpose elsewhere cannot lock the owner
 * out of a browser they have used before. A new password (a reset) voids every device token issued
 * before it: whoever held the old password keeps no budget of their own.
 */
import { randomToken, signToken, verifyToken } from '../security/tokens.ts';
import { stampOf } from './confirm-link.ts';

export const DEVICE_DAYS = 365;
const PURPOSE = 'known-device';
const DAY_MS = 86_400_000;

/** A browser known to an account: its id, and whether its token was issued under this password hash. */
export interface KnownDevice {
  userId: string;
  deviceId: string;
  matches(passwordHash: string): boolean;
}

/** The browser a valid device token names, with the account it signed in to; undefined when forged or expired. */
export function readDevice(secret: string, token: string | undefined, now: Date): KnownDevice | undefined {
  const payload = token ? verifyToken(secret, PURPOSE, token, now.getTime()) : undefined;
  const [userId, deviceId, stamp, extra] = payload?.split(' ') ?? [];
  if (!userId || !deviceId || !stamp || extra !== undefined) return undefined;
  return { userId, deviceId, matches: (passwordHash) => stampOf(passwordHash, PURPOSE) === stamp };
}

/** A fresh device token for an account and its current password hash, keeping the browser's id when it had one for that account. */
export function issueDevice(secret: string, userId: string, passwordHash: string, known: KnownDevice | undefined, now: Date): { token: string; expiresAt: Date } {
  const deviceId = known?.userId === userId ? known.deviceId : randomToken().slice(0, 22);
  const expiresAt = new Date(now.getTime() + DEVICE_DAYS * DAY_MS);
  return { token: signToken(secret, PURPOSE, `${userId} ${deviceId} ${stampOf(passwordHash, PURPOSE)}`, expiresAt.getTime()), expiresAt };
}
