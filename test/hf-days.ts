/**
 * The recorded Hugging Face daily_papers answers (580 real days, 2024-05-27 to 2026-08-21, one of
 * them malformed), read from the bundled archive, as replay routes for a local test server.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { datesBetween } from '../src/actions/ingest/hf.ts';
import { ROOT } from './cli.ts';
import type { ReplayRoute } from './replay-server.ts';

export const HF_ARCHIVE = path.join(ROOT, 'data/sample/hf-daily-papers-2024-05-27_to_2026-08-21.tar.gz');

/** Day (YYYY-MM-DD) to the exact body Hugging Face answered. */
export async function loadHfDays(): Promise<Map<string, string>> {
  const days = new Map<string, string>();
  const extract = tar.extract();
  createReadStream(HF_ARCHIVE).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const m = /(\d{4}-\d{2}-\d{2})\.json$/.exec(entry.header.name);
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    if (m) days.set(m[1] as string, Buffer.concat(chunks).toString('utf8'));
  }
  return days;
}

/** Replay routes answering every date in a range: the recorded day, or [] for days without papers. */
export function hfRoutes(days: Map<string, string>, from: string, to: string): ReplayRoute[] {
  return datesBetween(from, to).map((date) => ({
    path: '/api/daily_papers',
    query: { date, limit: '100' },
    respond: { status: 200, body: days.get(date) ?? '[]', headers: { 'content-type': 'application/json' } },
  }));
}
