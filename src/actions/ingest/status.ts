/**
 * How ingestion stands, for `paperboy ingest status` and /admin/ingest alike: each source's
 * checkpoint in words with its lease (a lease whose process died on this host, Ctrl-C or kill -9,
 * is "interrupted", not running), and the latest runs with what each covered (its days, range,
 * categories or query, from the parameters it was started with), its HTTP attempts when some
 * requests were tried again, and its errors.
 */
import type { Kysely } from 'kysely';
import { type IngestRun, listCheckpoints, listRuns } from '../../db/ingest.ts';
import type { DB } from '../../db/schema.ts';
import { describeCheckpoint } from './checkpoint-text.ts';
import { deadOnThisHost } from './process-owner.ts';

export interface SourceStatus {
  source: string;
  state: unknown;
  /** The checkpoint in words (see describeCheckpoint). */
  described: string;
  updatedAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** True when the lease's process is gone from this host: the next run resumes. */
  interrupted: boolean;
}

export interface RunStatusView {
  run: IngestRun;
  /** The run's status, "interrupted" for a running one whose process is gone. */
  status: string;
  params: unknown;
  /** What the run covered, in words: "2026-11-20", "since 2026-07-01 until 2026-07-28", "cs.LG since 2016-10-20". */
  covered: string;
  errors: string[];
}

export interface IngestStatus {
  sources: SourceStatus[];
  runs: RunStatusView[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** What a run covered, from the parameters it was started with. */
export function describeRunWindow(params: unknown): string {
  if (!isObject(params)) return params === undefined || params === null ? '—' : String(params);
  const parts: string[] = [];
  const dates = strings(params['dates']);
  if (typeof params['week'] === 'string') parts.push(`week ${params['week']}`);
  else if (typeof params['month'] === 'string') parts.push(`month ${params['month']}`);
  else if (dates.length === 1) parts.push(dates[0] as string);
  else if (dates.length > 1) parts.push(`${dates[0]} to ${dates.at(-1)} (${dates.length} days)`);
  if (params['scheduled']) parts.push('the scheduled days');
  const categories = strings(params['categories']);
  if (categories.length > 0) parts.push(categories.join(','));
  if (typeof params['since'] === 'string') parts.push(`since ${params['since']}`);
  else if (categories.length > 0 && 'set' in params) parts.push('from where the last harvest ended');
  if (typeof params['until'] === 'string') parts.push(`until ${params['until']}`);
  if (params['restart']) parts.push('(restarted)');
  if (params['prefix'] === 'arXiv') parts.push('(arXiv format)');
  if (typeof params['query'] === 'string') parts.push(`query ${JSON.stringify(params['query'])}, at most ${String(params['max'])}`);
  const ids = strings(params['ids']);
  if (ids.length > 0) parts.push(`${ids.length === 1 ? 'id' : 'ids'} ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''}`);
  return parts.length > 0 ? parts.join(' ') : Object.keys(params).length === 0 ? '—' : JSON.stringify(params);
}

/** How many HTTP attempts a run made, when more than its requests (some were tried again), as its final report says: " (15 attempts)"; else "". */
export function attemptsNote(run: Pick<IngestRun, 'requests' | 'attempts'>): string {
  return run.attempts !== null && run.attempts > run.requests ? ` (${run.attempts} attempts)` : '';
}

/** Checkpoints and the latest `limit` runs, with interrupted leases and runs told apart. */
export async function ingestStatus(db: Kysely<DB>, limit: number, isDead: (owner: string) => boolean = deadOnThisHost): Promise<IngestStatus> {
  const [checkpoints, runs] = await Promise.all([listCheckpoints(db), listRuns(db, limit)]);
  const sources = checkpoints.map((c) => ({ ...c, described: describeCheckpoint(c.state), interrupted: c.leaseOwner !== null && isDead(c.leaseOwner) }));
  const gone = new Set(sources.filter((s) => s.interrupted).map((s) => s.source));
  return {
    sources,
    runs: runs.map((run) => {
      const params = parse(run.params);
      const errors = parse(run.errors);
      return {
        run,
        status: run.status === 'running' && gone.has(run.source) ? 'interrupted' : run.status,
        params,
        covered: describeRunWindow(params),
        errors: Array.isArray(errors) ? errors.map(String) : [String(errors)],
      };
    }),
  };
}
