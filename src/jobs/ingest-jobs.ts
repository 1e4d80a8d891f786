/**
 * The scheduled ingestion jobs `serve` runs: Hugging Face's daily papers (every day since the last
 * one stored, at least yesterday and today, and the past week once a day, to pick up new papers
 * and refresh votes and comments; their arXiv categories are then looked up)
 * and arXiv once its announcement feed has the night's announcement (the feed for the day's feed
 * dates, then an incremental OAI-PMH harvest, which also catches anything a missed night left
 * behind). On several nodes each scheduled run is claimed in the store by the first node whose
 * timer fires, so it runs once however far apart the nodes' timers fire; leases keep a run and a
 * manual `ingest` of the same source from overlapping.
 */
import { enrichFromArxiv, ingestArxivAnnouncements, ingestArxivOai } from '../actions/ingest/arxiv.ts';
import { ingestHfScheduled } from '../actions/ingest/hf.ts';
import { deadOnThisHost, processOwner } from '../actions/ingest/process-owner.ts';
import type { IngestEnv, RunSummary } from '../actions/ingest/runner.ts';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { claimScheduledRun } from '../db/scheduled-runs.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './scheduler.ts';
import type { Sources } from './sources.ts';

/** Most papers completed from arXiv per Hugging Face run (100 per request, 3 s apart). */
const ENRICH_MAX = 300;

function log(logger: Logger, s: RunSummary): void {
  const { errors, ...counts } = s;
  if (s.status === 'ok') logger.info({ ...counts, problems: errors.length }, 'ingestion run finished');
  else if (s.status === 'partial') logger.warn({ ...counts, errors: errors.slice(-3) }, 'ingestion run finished with problems');
  else logger.error({ ...counts, errors: errors.slice(-3) }, 'ingestion run failed');
}

/**
 * A job that another process or node is running already (its source's lease is held) is skipped
 * with a note: on several nodes every tick finds one node running and the others busy, which is
 * the lease working, not a failure. The next tick tries again.
 */
function skipWhenBusy(job: Job, logger: Logger): Job {
  return {
    ...job,
    run: async () => {
      try {
        await job.run();
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'ingest_busy')) throw err;
        logger.info({ job: job.name, reason: err.message }, 'scheduled ingestion skipped: another process or node is running it');
      }
    },
  };
}

/**
 * The ingestion jobs for a configuration, using the process's source clients (the same ones
 * submissions use, so arXiv's spacing holds across both).
 */
export function ingestJobs(config: Config, database: Database, logger: Logger, sources: Sources, now: () => Date = () => new Date()): Job[] {
  // A lease left by a process of this host that died (a node killed mid-run) is taken over at once.
  // The logger hears of lease renewals that fail while a run lives; the sources' retries become runs' attempts.
  const env: IngestEnv = { db: database.db, now, owner: processOwner('scheduler'), isDead: deadOnThisHost, logger, ...(sources.retries ? { retries: sources.retries } : {}) };
  const categories = config.ingestCategories.split(',');
  const { hf, arxiv } = sources;
  const jobs: Job[] = [
    {
      name: 'hf-daily',
      cron: config.ingestHfCron,
      run: async () => {
        const { run, days } = await ingestHfScheduled(env, hf);
        log(logger, run);
        // Hugging Face gives no arXiv categories: fetch them, so ?cat= filters find these papers too.
        const enriched = await enrichFromArxiv(env, arxiv, { dates: days, max: ENRICH_MAX });
        if (enriched) log(logger, enriched);
      },
    },
    {
      name: 'arxiv',
      cron: config.ingestArxivCron,
      run: async () => {
        log(logger, await ingestArxivAnnouncements(env, arxiv, { categories }));
        for (const s of await ingestArxivOai(env, arxiv, { categories })) log(logger, s);
      },
    },
  ];
  return jobs.map((job) => ({ ...skipWhenBusy(job, logger), claim: (at: Date) => claimScheduledRun(database.db, job.name, at) }));
}
