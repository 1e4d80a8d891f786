/** What digest commands need besides the runtime: the signing secret, public URL and site name. */
import { siteSecret } from '../db/settings.ts';
import type { Runtime } from './runtime.ts';

/** The secret, base URL and site name, as `serve` computes them. */
export async function settingsSecret(rt: Runtime): Promise<{ secret: string; baseUrl: string; siteName: string }> {
  const secret = await siteSecret(rt.database.db, rt.config.secretKey);
  const baseUrl = (rt.config.publicUrl ?? `http://localhost:${rt.config.port}`).replace(/\/+$/, '');
  return { secret, baseUrl, siteName: rt.config.siteName };
}
