/**
 * Known devices ("device cookies"): after a successful sign-in the browser gets a signed token
 * naming the account and a random id for that browser. Sign-in attempts for that account from a
 * browser presenting it spend the browser's own failure budget, not the account's, so someone
 * failing on purpose elsewhere cannot lock the owner out of a browser they have used before.
 */
import { randomToken, signToken, verifyToken } from '../security/tokens.ts';

export const DEVICE_DAYS = 365;
const PURPOSE = 'known-device';
const DAY_MS = 86_400_000;

/** The browser a valid device token names, with the account it signed in to; undefined when forged or expired. */
export function readDevice(secret: string, token: string | undefined, now: Date): { userId: string; deviceId: string } | undefined {
  const payload = token ? verifyToken(secret, PURPOSE, token, now.getTime()) : undefined;
  const [userId, deviceId, extra] = payload?.split(' ') ?? [];
  if (!userId || !deviceId || extra !== undefined) return undefined;
  return { userId, deviceId };
}

/** A fresh device token for an account, keeping the browser's id when it had one for that account. */
export function issueDevice(secret: string, userId: string, known: { userId: string; deviceId: string } | undefined, now: Date): { token: string; expiresAt: Date } {
  const deviceId = known?.userId === userId ? known.deviceId : randomToken().slice(0, 22);
  const expiresAt = new Date(now.getTime() + DEVICE_DAYS * DAY_MS);
  return { token: signToken(secret, PURPOSE, `${userId} ${deviceId}`, expiresAt.getTime()), expiresAt };
}
