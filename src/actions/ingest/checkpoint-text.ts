/**
 * Where a source stands, in words, for `paperboy ingest status` and /admin/ingest: a checkpoint is
 * JSON written by its kind of run (OAI harvest, Hugging Face days, query back-fill, announcement
 * feed); each kind is told by its fields, and anything else is shown as the JSON it is.
 */

const MAX_DAYS_LISTED = 5;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One line saying where a source's checkpoint stands. */
export function describeCheckpoint(state: unknown): string {
  if (state === null || state === undefined) return 'nothing to resume';
  if (!isObject(state)) return JSON.stringify(state);
  if ('highWater' in state || 'window' in state) return oai(state);
  if ('ranges' in state || 'failed' in state || 'schedule' in state) return hf(state);
  if ('query' in state && 'next' in state) return `query ${JSON.stringify(state['query'])}: resumes at result ${String(state['next'])}`;
  if ('announcedOn' in state) return `last announcement read: ${str(state['announcedOn']) ?? 'none yet'}`;
  return JSON.stringify(state);
}

// An OAI-PMH harvest: the datestamp fully harvested, and the window in progress, if any.
function oai(s: Json): string {
  const highWater = str(s['highWater']);
  const parts = [highWater ? `harvested up to ${highWater}` : 'nothing harvested yet'];
  const w = s['window'];
  if (isObject(w)) parts.push(`window from ${str(w['from']) ?? '?'} in progress${w['token'] ? ', resumes at its next page' : ', starts over'}`);
  return parts.join('; ');
}

// Hugging Face's days: where scheduled runs and each range run stand, and the days to retry.
function hf(s: Json): string {
  const parts: string[] = [];
  const schedule = s['schedule'];
  if (isObject(schedule) && str(schedule['reached'])) parts.push(`scheduled runs reached ${str(schedule['reached'])}`);
  const ranges = isObject(s['ranges']) ? Object.entries(s['ranges']) : [];
  // The last day a range stored is read again when it resumes (its counts may have grown).
  for (const [from, to] of ranges) parts.push(`range from ${from} resumes at ${String(to)}`);
  const failed = Array.isArray(s['failed']) ? s['failed'].map(String) : [];
  if (failed.length > 0) {
    const listed = failed.slice(0, MAX_DAYS_LISTED).join(', ');
    parts.push(`${failed.length} ${failed.length === 1 ? 'day' : 'days'} to retry: ${listed}${failed.length > MAX_DAYS_LISTED ? ', …' : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing read yet';
}
