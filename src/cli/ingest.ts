/**
 * `paperboy ingest hf|arxiv|status`: pull papers from Hugging Face's daily papers and from arXiv,
 * resumably (a checkpoint per source), and show how ingestion stands.
 */
import type { Command } from 'commander';
import { ingestHfDaily, ingestHfPeriod } from '../actions/ingest/hf.ts';
import { deadOnThisHost } from '../actions/ingest/process-owner.ts';
import { badRequest } from '../core/errors.ts';
import { parseWindow } from '../core/feed-window.ts';
import { listCheckpoints, listRuns } from '../db/ingest.ts';
import { hfClient } from '../jobs/sources.ts';
import { registerArxivIngest } from './ingest-arxiv.ts';
import { cliIngestEnv, reportRun, sharedSourceOptions, warnPlaceholderContact } from './ingest-env.ts';
import { openRuntime } from './runtime.ts';
import { dateOption, notFutureDate } from './usage.ts';
import { describeCheckpoint } from '../actions/ingest/checkpoint-text.ts';

/** Registers `ingest` and its subcommands. */
export function registerIngest(program: Command): void {
  const ingest = program.command('ingest').description('pull papers from arXiv and Hugging Face (resumable; see `ingest status`)');

  ingest
    .command('hf')
    .description("import Hugging Face's daily papers for a day, a week, a month, or every day since a date (resumes where a run stopped)")
    .option('--date <date>', 'one day, YYYY-MM-DD')
    .option('--week <week>', 'one ISO week, e.g. 2026-W34')
    .option('--month <month>', 'one month, e.g. 2026-08')
    .option('--since <date>', 'every day from this one to today (or --until)')
    .option('--until <date>', 'last day of a --since range')
    .option('--restart', 'ignore the checkpoint and re-read the whole range')
    .action(async (opts: { date?: string; week?: string; month?: string; since?: string; until?: string; restart?: boolean }) => {
      if ([opts.date, opts.week, opts.month, opts.since].filter((o) => o !== undefined).length !== 1) {
        throw badRequest('usage', 'give exactly one of --date, --week, --month or --since');
      }
      if (opts.until !== undefined && opts.since === undefined) throw badRequest('usage', '--until ends a --since range; give --since too');
      const period = opts.week !== undefined ? parseWindow('week', opts.week) : opts.month !== undefined ? parseWindow('month', opts.month) : undefined;
      // Days that have not begun have no papers: reading them would record a clean run of nothing.
      if (period) notFutureDate(`--${period.kind} ${period.key} begins on`, period.from);
      const day = opts.date !== undefined ? notFutureDate('--date', opts.date) : undefined;
      const since = opts.since !== undefined ? notFutureDate('--since', opts.since) : undefined;
      const until = opts.until !== undefined ? dateOption(opts.until) : undefined;
      if (since && until && until < since) throw badRequest('usage', `--until ${until} is before --since ${since}`);
      const rt = await openRuntime();
      warnPlaceholderContact(rt);
      try {
        if (period) {
          reportRun(await ingestHfPeriod(cliIngestEnv(rt), hfClient(rt.config, sharedSourceOptions(rt)), period.kind as 'week' | 'month', period.key));
          return;
        }
        const summary = await ingestHfDaily(cliIngestEnv(rt), hfClient(rt.config, sharedSourceOptions(rt)), {
          ...(day ? { dates: [day] } : { since: since as string }),
          ...(until ? { until } : {}),
          ...(opts.restart ? { restart: true } : {}),
        });
        reportRun(summary);
      } finally {
        await rt.close();
      }
    });

  registerArxivIngest(ingest);

  ingest
    .command('status')
    .description('show each source\'s checkpoint and the latest runs')
    .option('--limit <n>', 'runs to show', '10')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const rt = await openRuntime({ existing: true });
      try {
        const checkpoints = await listCheckpoints(rt.database.db);
        const runs = await listRuns(rt.database.db, Math.min(100, Math.max(1, Number(opts.limit) || 10)));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ checkpoints, runs: runs.map((r) => ({ ...r, params: JSON.parse(r.params), errors: JSON.parse(r.errors) })) }, null, 2)}\n`);
          return;
        }
        // A run whose process died on this host (Ctrl-C, kill -9) keeps its lease until it lapses
        // or the next run takes it over: say so rather than "running".
        const gone = new Set(checkpoints.filter((c) => c.leaseOwner && deadOnThisHost(c.leaseOwner)).map((c) => c.source));
        process.stdout.write('Sources\n');
        if (checkpoints.length === 0) process.stdout.write('  (none has run yet)\n');
        for (const c of checkpoints) {
          const lease = !c.leaseOwner
            ? ''
            : gone.has(c.source)
              ? `  interrupted: its process ${c.leaseOwner} is gone; the next run resumes`
              : `  running on ${c.leaseOwner} (lease until ${c.leaseUntil})`;
          process.stdout.write(`  ${c.source.padEnd(16)} ${describeCheckpoint(c.state)}  updated ${c.updatedAt}${lease}\n`);
        }
        process.stdout.write('\nRecent runs\n');
        for (const r of runs) {
          const errors = JSON.parse(r.errors) as string[];
          process.stdout.write(
            `  ${r.started_at}  ${r.source.padEnd(16)} ${(r.status === 'running' && gone.has(r.source) ? 'interrupted' : r.status).padEnd(11)} ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ` +
              `${r.skipped} skipped, ${r.rejected} rejected, ${r.requests} requests${errors.length ? `, ${errors.length} problems: ${errors[0]}` : ''}\n`,
          );
        }
      } finally {
        await rt.close();
      }
    });
}
