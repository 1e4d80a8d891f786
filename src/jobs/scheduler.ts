/**
 * The scheduler inside `serve`: runs jobs at cron times in a time zone (croner), never two runs of
 * one job at once in this process (leases keep other nodes out), and logs each outcome.
 */
import { Cron } from 'croner';
import type { Logger } from '../logger.ts';

export interface Job {
  name: string;
  /** Cron expression (minute hour day month weekday). */
  cron: string;
  run(): Promise<void>;
  /**
   * Claims the run scheduled at a moment among every node of the store; false when another node
   * has it, and this one skips that run. Jobs without it run on every node (their own outbox
   * keeps them from doing the same work twice).
   */
  claim?(at: Date): Promise<boolean>;
}

export interface Scheduler {
  /** The next start of each job. */
  upcoming(): { name: string; at: Date | null }[];
  stop(): void;
}

/** The next `count` start times of a cron expression in a time zone, after a moment. */
export function nextRuns(cron: string, timezone: string, after: Date, count: number): Date[] {
  return new Cron(cron, { timezone, paused: true }).nextRuns(count, after);
}

/** A moment as "YYYY-MM-DD HH:MM" in a time zone. */
const minuteIn = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

/**
 * One line saying a schedule's jobs with their patterns and time zone and each one's next run in
 * that zone and in UTC: "ingestion schedule: hf-daily "15 *\/2 * * *", arxiv "30 0 * * 1-5"
 * (America/New_York); next hf-daily at 2026-12-01 22:15 local / 2026-12-02 03:15 UTC, …".
 */
export function describeSchedule(label: string, jobs: Pick<Job, 'name' | 'cron'>[], upcoming: { name: string; at: Date | null }[], timezone: string): string {
  const patterns = jobs.map((j) => `${j.name} "${j.cron}"`).join(', ');
  const next = upcoming.map((u) => `next ${u.name} at ${u.at ? `${minuteIn(u.at, timezone)} local / ${minuteIn(u.at, 'UTC')} UTC` : 'never'}`).join(', ');
  return `${label}: ${patterns} (${timezone})${next ? `; ${next}` : ''}`;
}

/**
 * The moment a run was scheduled for, the same on every node whatever its clock's error or its
 * timer's delay: the latest time of the pattern at or before `firedAt` (the same second included).
 */
export function scheduledMoment(cron: Cron, firedAt: Date): Date {
  // croner counts a run exactly at the reference as later, not earlier: one millisecond past it.
  return cron.previousRuns(1, new Date(firedAt.getTime() + 1))[0] ?? firedAt;
}

/** Starts running jobs on their schedules. */
export function startScheduler(jobs: Job[], opts: { timezone: string; logger: Logger }): Scheduler {
  const crons = jobs.map(
    (job) =>
      new Cron(job.cron, { timezone: opts.timezone, protect: true, name: job.name, unref: true }, async (self: Cron) => {
        const started = Date.now();
        try {
          if (job.claim) {
            const at = scheduledMoment(self, new Date(started));
            if (!(await job.claim(at))) {
              opts.logger.info({ job: job.name, scheduledAt: at.toISOString() }, 'scheduled job skipped: another node took this run');
              return;
            }
          }
          await job.run();
          opts.logger.info({ job: job.name, ms: Date.now() - started }, 'scheduled job finished');
        } catch (err) {
          opts.logger.error({ err, job: job.name }, 'scheduled job failed');
        }
      }),
  );
  return {
    upcoming: () => crons.map((c, i) => ({ name: jobs[i]?.name ?? '', at: c.nextRun() })),
    stop: () => crons.forEach((c) => c.stop()),
  };
}
