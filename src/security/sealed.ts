/**
 * Sealed values: encrypted and authenticated (AES-256-GCM) under a key derived from the site's
 * secret, per purpose, with an expiry. For secrets that must pass through the browser for a
 * moment (a new API token on its way to the page that shows it once): the browser holds them but
 * cannot read or alter them.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`sealed\n${purpose}`).digest();
}

/** Seals a payload for one purpose until `expiresAt` (ms since epoch); URL- and cookie-safe. */
export function seal(secret: string, purpose: string, payload: string, expiresAt: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify([payload, expiresAt]), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The payload of a value sealed for this purpose, or undefined when altered, foreign or expired. */
export function unseal(secret: string, purpose: string, sealed: string, now = Date.now()): string | undefined {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const [payload, expiresAt] = JSON.parse(text) as [unknown, unknown];
    if (typeof payload !== 'string' || typeof expiresAt !== 'number' || now > expiresAt) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}
