/**
 * `paperboy ingest hf|arxiv|status`: pull papers from Hugging Face's daily papers and from arXiv,
 * resumably (a checkpoint per source), and show how ingestion stands.
 */
import type { Command } from 'commander';
import { ingestHfDaily, ingestHfPeriod } from '../actions/ingest/hf.ts';
import { attemptsNote, ingestStatus } from '../actions/ingest/status.ts';
import { badRequest } from '../core/errors.ts';
import { parseWindow } from '../core/feed-window.ts';
import { hfClient } from '../jobs/sources.ts';
import { registerArxivIngest } from './ingest-arxiv.ts';
import { cliIngestEnv, reportRun, sharedSourceOptions, warnPlaceholderContact } from './ingest-env.ts';
import { openRuntime } from './runtime.ts';
import { dateOption, intOption, notFutureDate, notFuturePeriod } from './usage.ts';

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
      if (period) notFuturePeriod(`--${period.kind}`, period.key, period.from);
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
      const limit = intOption('--limit', opts.limit, 1, 100);
      const rt = await openRuntime({ existing: true });
      try {
        const { sources, runs } = await ingestStatus(rt.database.db, limit);
        if (opts.json) {
          const checkpoints = sources.map(({ described: _d, interrupted: _i, ...c }) => c);
          process.stdout.write(`${JSON.stringify({ checkpoints, runs: runs.map((r) => ({ ...r.run, params: r.params, covered: r.covered, errors: r.errors })) }, null, 2)}\n`);
          return;
        }
        process.stdout.write('Sources\n');
        if (sources.length === 0) process.stdout.write('  (none has run yet)\n');
        for (const c of sources) {
          const lease = !c.leaseOwner
            ? ''
            : c.interrupted
              ? `  interrupted: its process ${c.leaseOwner} is gone; the next run resumes`
              : `  running on ${c.leaseOwner} (lease until ${c.leaseUntil})`;
          process.stdout.write(`  ${c.source.padEnd(16)} ${c.described}  updated ${c.updatedAt}${lease}\n`);
        }
        process.stdout.write('\nRecent runs\n');
        if (runs.length === 0) process.stdout.write('  (none yet)\n');
        for (const { run: r, status, covered, errors } of runs) {
          process.stdout.write(
            `  ${r.started_at}  ${r.source.padEnd(16)} ${status.padEnd(11)} ${covered}: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ` +
              `${r.skipped} skipped, ${r.rejected} rejected, ${r.requests} requests${attemptsNote(r)}${errors.length ? `, ${errors.length} problems: ${errors[0]}` : ''}\n`,
          );
        }
      } finally {
        await rt.close();
      }
    });
}
