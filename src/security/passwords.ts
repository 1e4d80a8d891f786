/**
 * Passwords: hashed with argon2id (OWASP's recommended parameters, the library's defaults) and
 * checked in constant time. A dummy hash is verified when there is no account, so sign-in takes
 * as long for an unknown address as for a wrong password (no account enumeration by timing).
 */
import { hash, verify } from '@node-rs/argon2';

const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Qk8fyK1HHJd+3YvE7oKpTTuCAC0lBf1AVX4Op+1fYUQ';

/** The argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when the password matches; with no hash, spends the same time and returns false. */
export async function checkPassword(password: string, stored: string | undefined): Promise<boolean> {
  try {
    const ok = await verify(stored ?? DUMMY, password);
    return ok && stored !== undefined;
  } catch {
    return false;
  }
}
