/**
 * The frame every ingestion run shares: take the source's lease (one runner per source across
 * processes and nodes), record the run, and commit each batch of papers together with the
 * checkpoint that accounts for it in one transaction, so that a kill -9 at any moment leaves the
 * store and the checkpoint consistent and a restart resumes with no duplicate and no gap.
 * The lease is renewed on a timer while the run lives (a polite fetch may wait out a long
 * Retry-After) and checked in every commit's transaction: a run whose lease another runner took
 * stops with a clear error before writing anything more. A renewal that fails (the store
 * unreachable, the lease taken over) is logged as a warning naming the source, the run and the
 * reason, and what the run does next. A run that went to the end with any
 * problem (a Hugging Face day that failed, a record rejected, an arXiv id not found) ends
 * "partial", not "ok", as its command exits 3; one that could use none of its answers (every
 * request failed) ends "failed". The record keeps the run's HTTP attempts (requests plus retries)
 * when the environment counts retries, as the CLI and the scheduler do.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import type { PaperInput } from '../../core/paper.ts';
import { acquireLease, finishRun, getCheckpoint, leaseOwner, releaseLease, type RunCounts, type RunStatus, saveCheckpoint, startRun, updateRun } from '../../db/ingest.ts';
import { markWithdrawn, upsertPapers } from '../../db/papers.ts';
import type { DB } from '../../db/schema.ts';

/** How long a lease lasts without renewal; a killed runner's lease lapses after this. */
export const LEASE_MS = 5 * 60_000;

/** How often a live run renews its lease: well within LEASE_MS, whatever a request waits. */
export const LEASE_RENEW_MS = LEASE_MS / 5;

/** What a run logs through (pino's logger is one): a warning with its fields. */
export interface IngestLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface IngestEnv {
  db: Kysely<DB>;
  /** Where a run warns of what its report cannot show, such as a lease renewal that failed (the CLI and the scheduler give theirs). */
  logger?: IngestLogger;
  now: () => Date;
  /** Identifies this process, for leases. */
  owner: string;
  /** True for a lease owner known to be dead (e.g. a killed process on this host). */
  isDead?: (owner: string) => boolean;
  /** Called after every committed batch and every problem, for progress bars and logs. */
  onProgress?: (source: string, counts: RunCounts, note?: string, progress?: RunProgress) => void;
  /** How often the lease is renewed while a run lives (default LEASE_RENEW_MS; tests shorten it). */
  leaseRenewMs?: number;
  /** Requests the source clients of this process have tried again so far: a run's attempts are its requests and the retries made while it ran. */
  retries?: () => number;
}

/** How far a run has come, when the source says how much there is: days of a range, records of an OAI list. */
export interface RunProgress {
  done: number;
  total: number;
  unit: string;
}

/** What a batch carries besides papers. */
export interface CommitExtra {
  /** arXiv ids the source reports deleted: those papers are marked withdrawn. */
  withdrawn?: string[];
  /** Where the run stands after this batch, for progress bars. */
  progress?: RunProgress;
}

/** What a source's ingestion function gets from the runner. */
export interface RunHandle<S> {
  readonly counts: RunCounts;
  readonly errors: string[];
  /** The checkpoint as of the last commit (undefined on a first run). */
  checkpoint(): Promise<S | undefined>;
  /** Stores papers (and withdrawals) and the new checkpoint atomically. */
  commit(papers: PaperInput[], state: S, note?: string, extra?: CommitExtra): Promise<void>;
  /** Reports progress made but not yet committed (a page waiting for its batch), for progress bars. */
  report(note: string, progress?: RunProgress): void;
  /**
   * Records a problem: a rejected record (with where and why), a request whose answer the run
   * could not use and went on without ('failed': the run ends "partial", or "failed" when every
   * request failed), or a note of a problem
   * the run got over ('error', e.g. an expired token whose window was read again), or something
   * asked for by name that the source does not know ('missing', e.g. an arXiv id: the run ends
   * "partial").
   */
  problem(kind: 'rejected' | 'failed' | 'error' | 'missing', message: string): void;
  /** Counts a record deliberately left out (e.g. outside the wanted categories). */
  skip(n: number): void;
  /** Counts a request made to the source. */
  request(): void;
}

export interface RunSummary extends RunCounts {
  id: string;
  source: string;
  /**
   * ok; partial: finished with problems (requests failed and their data is missing, records
   * rejected, something asked for unknown to the source); failed: stopped, or every request failed.
   */
  status: RunStatus;
  errors: string[];
  /** What the run found worth saying that is no problem (e.g. days with no papers listed). */
  notes?: string[];
  /** Requests plus their retries, when the environment counts retries (a request tried 6 times is 1 request, 6 attempts). */
  attempts?: number;
}

/** Runs one ingestion under a lease with a recorded run; never runs a source twice at once. */
export async function runIngest<S>(env: IngestEnv, source: string, params: unknown, body: (run: RunHandle<S>) => Promise<void>): Promise<RunSummary> {
  const { db } = env;
  if (!(await acquireLease(db, source, env.owner, env.now(), LEASE_MS, env.isDead))) {
    throw new AppError(409, 'ingest_busy', `Another process is already ingesting ${source}; try again when it has finished.`);
  }
  const id = await startRun(db, source, params, env.now());
  const retriedBefore = env.retries?.() ?? 0;
  /** Requests plus the retries made since the run began, when the environment counts retries. */
  const attemptsSoFar = (requests: number): number | undefined => (env.retries ? requests + env.retries() - retriedBefore : undefined);
  const attempts = (): { attempts?: number } => {
    const n = attemptsSoFar(counts.requests);
    return n === undefined ? {} : { attempts: n };
  };
  const counts: RunCounts = { requests: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 };
  const errors: string[] = [];
  let failedRequests = 0;
  let missing = 0;
  /** Set once another runner holds the lease: this run must stop. */
  let lostTo: string | undefined;
  const lost = (): AppError =>
    new AppError(409, 'ingest_lease_lost', `Stopped: another runner (${lostTo ?? 'unknown'}) took over ${source} after this run's lease lapsed; nothing more was written.`);
  /** When the lease lapses unless renewed: another runner may take the source over after it. */
  let leaseUntil = new Date(env.now().getTime() + LEASE_MS);
  /** Renews the lease; false (and lostTo set) when another runner holds it. */
  const renew = async (q: Kysely<DB>): Promise<boolean> => {
    const at = env.now();
    if (await acquireLease(q, source, env.owner, at, LEASE_MS)) {
      leaseUntil = new Date(at.getTime() + LEASE_MS);
      return true;
    }
    lostTo = (await leaseOwner(q, source)) ?? 'unknown';
    return false;
  };
  const renewMs = env.leaseRenewMs ?? LEASE_RENEW_MS;
  /** Renewals in a row that failed with an error (the store unreachable, locked). */
  let failedRenewals = 0;
  let warnedLost = false;
  const warn = (reason: string, next: string, fields: Record<string, unknown> = {}): void => {
    env.logger?.warn({ source, run: id, owner: env.owner, reason, next, leaseUntil: leaseUntil.toISOString(), ...fields }, `ingestion lease of ${source} not renewed (run ${id}): ${reason}; ${next}`);
  };
  const warnLost = (next: string): void => {
    if (warnedLost) return;
    warnedLost = true;
    warn(`another runner (${lostTo ?? 'unknown'}) holds it now`, next, { heldBy: lostTo });
  };
  const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
  /** The heartbeat's renewal in flight, awaited before the lease is released. */
  let renewing: Promise<void> | undefined;
  let ended = false;
  const heartbeat = setInterval(() => {
    if (lostTo || renewing) return;
    renewing = renew(db)
      .then(
        (ok) => {
          if (ok) failedRenewals = 0;
          else if (!ended) warnLost('the run stops before its next request or commit; nothing more is written');
        },
        (err: unknown) => {
          failedRenewals++;
          if (ended) return;
          warn(
            errorText(err),
            `the run goes on and tries again in ${Math.max(1, Math.round(renewMs / 1000))} s; if the lease lapses first, another runner may take ${source} over and this run then stops at its next commit`,
            { failedRenewals },
          );
        },
      )
      .finally(() => {
        renewing = undefined;
      });
  }, renewMs);
  heartbeat.unref();
  const handle: RunHandle<S> = {
    counts,
    errors,
    checkpoint: () => getCheckpoint<S>(db, source),
    async commit(papers, state, note, extra = {}) {
      if (lostTo) throw lost();
      const after = await db.transaction().execute(async (trx) => {
        // Checked inside the transaction: a runner that lost its lease writes nothing.
        let held: boolean;
        try {
          held = await renew(trx);
        } catch (err) {
          warn(errorText(err), 'the run stops: this batch is not stored, and the next run resumes from the last checkpoint');
          throw err;
        }
        if (!held) {
          warnLost('the run stops: this batch is not stored');
          throw lost();
        }
        const r = await upsertPapers(trx, papers, env.now().toISOString());
        if (extra.withdrawn?.length) r.updated += await markWithdrawn(trx, extra.withdrawn, env.now().toISOString());
        await saveCheckpoint(trx, source, state, env.now());
        // The run's record moves with the papers it counts.
        const next = { ...counts, inserted: counts.inserted + r.inserted, updated: counts.updated + r.updated, unchanged: counts.unchanged + r.unchanged };
        await updateRun(trx, id, next, errors, attemptsSoFar(next.requests));
        return next;
      });
      ({ inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged } = after);
      env.onProgress?.(source, counts, note, extra.progress);
    },
    report(note, progress) {
      env.onProgress?.(source, counts, note, progress);
    },
    problem(kind, message) {
      if (kind === 'rejected') counts.rejected++;
      if (kind === 'failed') failedRequests++;
      if (kind === 'missing') missing++;
      errors.push(message);
      env.onProgress?.(source, counts, message);
    },
    skip(n) {
      counts.skipped += n;
    },
    request() {
      if (lostTo) throw lost();
      counts.requests++;
    },
  };
  try {
    await body(handle);
    // Partial with any problem (as the command's exit code 3 says); a run whose every request failed read nothing: failed.
    const status = failedRequests > 0 && failedRequests >= counts.requests ? 'failed' : failedRequests > 0 || missing > 0 || errors.length > 0 ? 'partial' : 'ok';
    const summary: RunSummary = { id, source, status, errors, ...counts, ...attempts() };
    await finishRun(db, id, status, counts, errors, env.now(), summary.attempts);
    return summary;
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
    const summary: RunSummary = { id, source, status: 'failed', errors, ...counts, ...attempts() };
    await finishRun(db, id, 'failed', counts, errors, env.now(), summary.attempts);
    return summary;
  } finally {
    ended = true;
    clearInterval(heartbeat);
    // A renewal still in flight would take the lease back after its release.
    await renewing;
    await releaseLease(db, source, env.owner);
  }
}
