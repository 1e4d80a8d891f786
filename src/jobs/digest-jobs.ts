/**
 * The digest job inside `serve`: every few minutes, send the digests that are due (each
 * subscriber's own hour and time zone decide, see core/digest-period.ts). The outbox makes runs
 * on several nodes, overlapping runs and runs after a crash safe: each digest goes out once.
 */
import { sendDigests, type SendDeps } from '../actions/digest-send.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './scheduler.ts';

/** The digest job (cron in UTC: the schedule only decides how often to look for due digests). */
export function digestJobs(deps: SendDeps & { sync(): Promise<unknown> }, opts: { cron: string; logger: Logger }): Job[] {
  return [
    {
      name: 'digests',
      cron: opts.cron,
      async run() {
        // Topics run through the search index: bring it up to date with other nodes first.
        await deps.sync();
        const report = await sendDigests(deps);
        if (report.stopped) opts.logger.error({ report }, `digests stopped: ${report.stopped}; nobody was marked bounced, the next run tries again`);
        else if (report.enqueued + report.sent + report.bounced + report.failed + report.retrying > 0) opts.logger.info({ report }, 'digests');
      },
    },
  ];
}
