/**
 * What an ingestion command needs around a run: the environment (store, clock, this process as
 * lease owner, the logger for warnings such as a lease renewal that failed, a progress bar or counter on a terminal), source clients that share their request
 * spacing with every process on the store, a warning while the contact address is the
 * placeholder, and the final report with exit code.
 */
import { deadOnThisHost, processOwner } from '../actions/ingest/process-owner.ts';
import type { IngestEnv, RunSummary } from '../actions/ingest/runner.ts';
import { contactWarning } from '../config.ts';
import type { SourceOptions } from '../jobs/sources.ts';
import { ingestProgress } from './progress.ts';
import type { Runtime } from './runtime.ts';

/** The progress display of this process's ingestion runs (one at a time). */
const display = ingestProgress();

/** Requests this process's source clients tried again: a run's report says its attempts. */
let retried = 0;

/** The ingestion environment for a command-line run, with a progress bar (or counter) on a terminal. */
export function cliIngestEnv(rt: Runtime): IngestEnv {
  return {
    db: rt.database.db,
    now: () => new Date(),
    owner: processOwner(),
    isDead: deadOnThisHost,
    logger: rt.logger,
    onProgress: (source, counts, note, progress) => display.update(source, counts, note, progress),
    retries: () => retried,
  };
}

/** Logs a warning while CONTACT_EMAIL is the placeholder (ingestion still runs: a fresh install must work). */
export function warnPlaceholderContact(rt: Runtime): void {
  const warning = contactWarning(rt.config);
  if (warning) rt.logger.warn({ contact: rt.config.contactEmail }, warning);
}

/** Source clients of a command take their request slots from the store, alongside every other process on it. */
export function sharedSourceOptions(rt: Runtime): SourceOptions {
  return {
    database: rt.database,
    isDead: deadOnThisHost,
    onRetry: (r) => {
      retried++;
      rt.logger.warn({ url: r.url, reason: r.reason, retry: `${r.retry} of ${r.maxRetries}`, waitSeconds: Math.round(r.waitMs / 1000) }, 'source request failed; retrying');
    },
  };
}

const OUTCOME: Record<RunSummary['status'], string> = { ok: 'finished', partial: 'finished PARTIALLY (with the problems listed above: failed requests, rejected records or ids not found)', failed: 'FAILED' };

/** Exit codes from least to most severe: clean, finished with problems, failed. */
const SEVERITY = [0, 3, 1];

/**
 * Prints a run's outcome and sets the exit code: 1 failed, 3 finished with failed requests
 * (partial), rejections or errors, 0 clean. A command that reports several runs (a harvest of
 * several OAI sets) exits with the worst of them, whatever their order.
 */
export function reportRun(s: RunSummary): void {
  display.stop();
  // Problems written as they happened (off a terminal) are not written twice.
  for (const e of s.errors) if (!display.shown(e)) process.stderr.write(`  ${e}\n`);
  process.stdout.write(
    `${s.source} ${OUTCOME[s.status]}: ${s.requests} requests${s.attempts !== undefined && s.attempts > s.requests ? ` (${s.attempts} attempts)` : ''}, ${s.inserted} new, ${s.updated} updated, ` +
      `${s.unchanged} unchanged, ${s.skipped} skipped, ${s.rejected} rejected, ${s.errors.length} problems (run ${s.id})\n`,
  );
  for (const note of s.notes ?? []) process.stdout.write(`  ${note}\n`);
  const code = s.status === 'failed' ? 1 : s.errors.length > 0 ? 3 : 0;
  const before = typeof process.exitCode === 'number' ? process.exitCode : 0;
  if (SEVERITY.indexOf(code) >= SEVERITY.indexOf(before)) process.exitCode = code;
}
