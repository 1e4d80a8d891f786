/**
 * What digest commands need besides the runtime: the signing secret, public URL and site name;
 * and the warnings about mail settings meant for a laptop, for them and for `serve`.
 */
import { otherSigners, signerMismatch } from '../actions/signing-key.ts';
import { mailWarnings } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { siteSecret } from '../db/settings.ts';
import type { Runtime } from './runtime.ts';

/** The secret, base URL and site name, as `serve` computes them. */
export async function settingsSecret(rt: Runtime): Promise<{ secret: string; baseUrl: string; siteName: string }> {
  warnMailSettings(rt);
  const secret = await siteSecret(rt.database.db, rt.config.secretKey);
  const baseUrl = (rt.config.publicUrl ?? `http://localhost:${rt.config.port}`).replace(/\/+$/, '');
  return { secret, baseUrl, siteName: rt.config.siteName };
}

/**
 * Refuses to mail links signed with a key the serving nodes do not share (SECRET_KEY set here and
 * not on them, or otherwise): every link in those mails would be dead.
 */
export async function refuseOtherSigners(rt: Runtime, secret: string): Promise<void> {
  const others = await otherSigners(rt.database.db, secret);
  if (others.length > 0) throw new AppError(500, 'secret_key_mismatch', signerMismatch(others, Boolean(rt.config.secretKey)));
}

/** Logs each warning about the mail settings (mail still goes out: the admin decides). */
export function warnMailSettings(rt: Runtime): void {
  for (const warning of mailWarnings(rt.config)) rt.logger.warn(warning);
}
