/**
 * The digest job inside `serve`: every few minutes, send the digests that are due (each
 * subscriber's own hour and time zone decide, see core/digest-period.ts). The outbox makes runs
 * on several nodes, overlapping runs and runs after a crash safe: each digest goes out once.
 * Beside it, every minute, the reply mails that are due (actions/reply-mail-send.ts), through the
 * same kind of outbox and lease. Without SMTP_URL there is neither job: the log mailer would
 * "send" every mail into the log and record it as sent, so nobody would ever get it.
 */
import { sendDigests, type SendDeps } from '../actions/digest-send.ts';
import { sendReplyMails } from '../actions/reply-mail-send.ts';
import { TopicFloors } from '../actions/topic-floors.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './scheduler.ts';

/** How often `serve` looks for reply mails that are due (each waits a couple of minutes first). */
export const REPLY_MAIL_CRON = '* * * * *';

/** The digest job and the reply-mail job (cron in UTC: the schedule only decides how often to look for due digests); none without SMTP. */
export function digestJobs(deps: SendDeps & { sync(): Promise<unknown> }, opts: { cron: string; logger: Logger; leaseSeconds: number; smtpConfigured: boolean }): Job[] {
  if (!opts.smtpConfigured) {
    opts.logger.warn('email digests are off until SMTP_URL is set, and so are reply mails (without it mails only go to the log, and they would be recorded as sent)');
    return [];
  }
  // One process's runs share their topics' corpus-wide best scores (a few hours each).
  const floors = new TopicFloors();
  return [
    {
      name: 'digests',
      cron: opts.cron,
      async run() {
        // Topics run through the search index: bring it up to date with other nodes first.
        await deps.sync();
        const report = await sendDigests({ ...deps, floors }, { leaseMs: opts.leaseSeconds * 1000 });
        if (report.stopped) opts.logger.error({ report }, `digests stopped: ${report.stopped}; nobody was marked bounced, the next run tries again`);
        else if (report.enqueued + report.sent + report.bounced + report.failed + report.retrying > 0) opts.logger.info({ report }, 'digests');
      },
    },
    {
      name: 'reply-mails',
      cron: REPLY_MAIL_CRON,
      async run() {
        const report = await sendReplyMails(deps, { leaseMs: opts.leaseSeconds * 1000 });
        if (report.stopped) opts.logger.error({ report }, `reply mails stopped: ${report.stopped}; nobody was marked bounced, the next run tries again`);
        else if (report.sent + report.skipped + report.bounced + report.failed + report.retrying > 0) opts.logger.info({ report }, 'reply mails');
      },
    },
  ];
}
