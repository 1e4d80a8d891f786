/**
 * Tokens: random secrets for sessions, resets and API access (stored only as SHA-256 hashes),
 * and signed, expiring tokens for links that must work without a login (confirm a subscription,
 * unsubscribe, preferences). Signatures are HMAC-SHA256 with the site's secret, per purpose.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random token, URL-safe, 256 bits. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The hash under which a random token is stored; the token itself never is. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url');
}

/** Signs a payload for one purpose; `expiresAt` (ms since epoch) makes it stop working then. */
export function signToken(secret: string, purpose: string, payload: string, expiresAt?: number): string {
  const body = Buffer.from(JSON.stringify([payload, expiresAt ?? 0])).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The payload of a token signed for this purpose, or undefined when forged, altered or expired. */
export function verifyToken(secret: string, purpose: string, token: string, now = Date.now()): string | undefined {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.split('.').length !== 2) return undefined;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [payload, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof payload !== 'string' || typeof expiresAt !== 'number') return undefined;
    if (expiresAt !== 0 && now > expiresAt) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
