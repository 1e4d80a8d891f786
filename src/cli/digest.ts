/**
 * `paperboy digest send [--date D] [--log]` sends the digests that are due (what the job inside
 * `serve` does; for cron), or with --date the periods that end on feed day D whatever the hour,
 * then the reply mails that are due (their counts under `replies` in the JSON report).
 * It refuses to run without SMTP_URL unless --log says to print the digests to the log (and
 * record them as sent: for development). It prints the run's counts as JSON and exits 0, also
 * while some digests wait for a retry (`retrying` from this run, `queued` in all, `nextTry` when
 * the next is due, also said on stderr); 1 when the server refused us or could not be reached
 * (`stopped`).
 * With --date, stderr also says why subscribers got no digest for D (confirmed after it was due,
 * already had it, already had a later one, or get D in a later period), counted under `notQueued`
 * in the JSON.
 * `paperboy digest preview EMAIL [--date D] [--html]` prints what that subscriber would get.
 */
import type { Command } from 'commander';
import { composeDigest, scheduleOf } from '../actions/digest-compose.ts';
import { loadPeriodIndex } from '../actions/digest-period-index.ts';
import { MAX_ATTEMPTS, type SendReport, sendDigests } from '../actions/digest-send.ts';
import { sendReplyMails } from '../actions/reply-mail-send.ts';
import { parseEmail } from '../actions/subscribe.ts';
import { daySettledAt, latestDuePeriod, periodContaining, periodLabel } from '../core/digest-period.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { isValidDate } from '../core/feed-window.ts';
import { utcTime } from '../core/utc-time.ts';
import { refuseOtherSigners, settingsSecret } from './digest-env.ts';
import { findSubscriberByEmail, listFollows } from '../db/subscribers.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { classifySmtpFailure, type SmtpFailure } from '../mail/smtp-failure.ts';
import { openRuntime } from './runtime.ts';

function checkDate(date: string | undefined): string | undefined {
  if (date !== undefined && !isValidDate(date)) throw badRequest('invalid_date', `"${date}" is not a date like 2026-08-21`);
  return date;
}

interface Failure extends SmtpFailure {
  to: string;
}

/** The mailer, noting every send that failed and why (the report only counts them). */
function recordFailures(mailer: Mailer): { mailer: Mailer; list: Failure[] } {
  const list: Failure[] = [];
  return {
    list,
    mailer: {
      async send(message) {
        try {
          return await mailer.send(message);
        } catch (err) {
          list.push({ to: message.to, ...classifySmtpFailure(err, message.to) });
          throw err;
        }
      },
      close: () => mailer.close(),
    },
  };
}

/** Most failed digests listed one by one; the rest are counted. */
const LISTED = 20;

/**
 * Says on stderr why digests were not sent (stdout stays the JSON report): each digest to be
 * retried, bounced or given up, with its address and the mail server's reason. A refusal or an
 * unreachable server, which stopped the run, is told once, below.
 */
function printFailures(list: Failure[], report: Pick<SendReport, 'retrying' | 'failed'>, what = 'digest'): void {
  const shown = list.filter((f) => f.kind !== 'stop' && f.kind !== 'unreachable');
  if (shown.length === 0) return;
  const waiting = report.retrying > 0 ? `; ${report.retrying} will be retried by a later run` : '';
  const given = report.failed > 0 ? `; ${report.failed} given up after ${MAX_ATTEMPTS} attempts` : '';
  process.stderr.write(`digest send: ${shown.length} ${what}${shown.length === 1 ? '' : 's'} not sent${waiting}${given}\n`);
  for (const f of shown.slice(0, LISTED)) process.stderr.write(`  ${f.to}: ${f.kind === 'bounce' ? 'bounced: ' : ''}${f.reason}\n`);
  if (shown.length > LISTED) process.stderr.write(`  ... and ${shown.length - LISTED} more\n`);
}

/** Says on stderr why subscribers got no digest for feed day `date`: those `enqueued` says nothing of. */
function printNotQueued(report: Pick<SendReport, 'enqueued' | 'notQueued'>, date: string): void {
  const n = report.notQueued;
  const subs = (k: number): string => `${k} subscriber${k === 1 ? '' : 's'}`;
  const why = [
    n.confirmedLater > 0 ? `${subs(n.confirmedLater)} confirmed after that digest was due (their first digest is a later one)` : '',
    n.alreadyQueued > 0 ? `${subs(n.alreadyQueued)} already had it queued or sent` : '',
    n.hadLater > 0 ? `${subs(n.hadLater)} already had a later digest (days before a subscriber's latest digest are not sent)` : '',
    n.notDue > 0 ? `${subs(n.notDue)} get ${date} in a later digest, not due yet (weekends off or weekly)` : '',
  ].filter(Boolean);
  if (why.length > 0) process.stderr.write(`digest send --date ${date}: ${report.enqueued} digest${report.enqueued === 1 ? '' : 's'} queued; not queued: ${why.join('; ')}\n`);
}

/**
 * Says on stderr how many digests are still queued and when the next one is tried, so that a run
 * that sent nothing while digests wait out a retry (after an outage) does not read as "all done".
 */
function printQueued(report: Pick<SendReport, 'queued' | 'nextTry'>): void {
  if (report.queued === 0) return;
  const when = report.nextTry ? `; the next try is due at ${utcTime(report.nextTry)}` : '; all are being sent by another run';
  process.stderr.write(`digest send: ${report.queued} digest${report.queued === 1 ? '' : 's'} still queued, waiting for a retry${when}\n`);
}

/** Registers the digest commands. */
export function registerDigest(program: Command): void {
  const digest = program.command('digest').description('email digests: send the due ones, or preview one');

  digest
    .command('send')
    .description('send every digest and reply mail that is due now (each exactly once, safe to run from cron and on several nodes)')
    .option('--date <YYYY-MM-DD>', 'send the periods that end on this feed day (once it is complete), whatever the hour')
    .option('--log', 'without SMTP_URL: print the digests to the log instead (development only: they are recorded as sent)')
    .action(async (opts: { date?: string; log?: boolean }) => {
      const date = checkDate(opts.date);
      if (date && daySettledAt(date).getTime() > Date.now()) {
        // Its digests would go out without the papers still to join that day, and never carry them.
        throw badRequest('day_not_complete', `Feed day ${date} is not complete until ${utcTime(daySettledAt(date))}: send its digests after that.`);
      }
      const rt = await openRuntime({ existing: true });
      if (!rt.config.smtpUrl && !opts.log) {
        await rt.close();
        throw badRequest(
          'smtp_unset',
          'SMTP_URL is not set, so digests cannot be mailed. Set it (smtp://user:pass@host:587), or pass --log to print them to the log instead (they are then recorded as sent and never mailed).',
        );
      }
      const mailer = createMailer({ smtpUrl: rt.config.smtpUrl, from: rt.config.mailFrom, logger: rt.logger, timeoutSeconds: rt.config.smtpTimeoutSeconds });
      const failures = recordFailures(mailer);
      try {
        const env = await settingsSecret(rt);
        await refuseOtherSigners(rt, env.secret);
        const search = rt.search();
        await search.sync();
        const leaseMs = rt.config.digestLeaseSeconds * 1000;
        const report = await sendDigests({ db: rt.database.db, search, mailer: failures.mailer, ...env, now: () => new Date() }, { leaseMs, ...(date ? { date } : {}) });
        if (date) printNotQueued(report, date);
        printFailures(failures.list, report);
        failures.list.length = 0;
        // The reply mails that are due go too (with --date as well: they wait for no feed day).
        const replies = report.stopped ? undefined : await sendReplyMails({ db: rt.database.db, mailer: failures.mailer, ...env, now: () => new Date() }, { leaseMs });
        process.stdout.write(`${JSON.stringify({ ...report, ...(replies ? { replies } : {}) })}\n`);
        if (replies) printFailures(failures.list, replies, 'reply mail');
        const stopped = report.stopped ?? replies?.stopped;
        if (stopped) {
          process.stderr.write(`digest send stopped: ${stopped}\nNobody was marked bounced; the mails stay queued for the next run.\n`);
          process.exitCode = 1;
        }
        printQueued(report);
      } finally {
        mailer.close();
        await rt.close();
      }
    });

  digest
    .command('preview')
    .description("print the digest a subscriber would get (text, or --html)")
    .argument('<email>', "the subscriber's address")
    .option('--date <YYYY-MM-DD>', 'the period holding this feed day (default: the latest one due)')
    .option('--html', 'print the HTML part instead of the text')
    .action(async (email: string, opts: { date?: string; html?: boolean }) => {
      const date = checkDate(opts.date);
      const rt = await openRuntime({ existing: true });
      try {
        const sub = await findSubscriberByEmail(rt.database.db, parseEmail(email));
        if (!sub) throw notFound(`No subscriber has the address ${email}.`);
        const env = await settingsSecret(rt);
        const schedule = scheduleOf(sub);
        const period = date ? periodContaining(schedule, date) : latestDuePeriod(schedule, new Date());
        const search = rt.search();
        await search.sync();
        const index = await loadPeriodIndex(rt.database.db, search, period.from, period.to);
        const follows = await listFollows(rt.database.db, sub.id);
        await index.prepare(follows);
        const composed = composeDigest({ ...env, now: new Date() }, sub, follows, index, period);
        if (sub.status !== 'active') process.stderr.write(`note: ${sub.email} is ${sub.status}; nothing is sent to it\n`);
        if (!composed.message) {
          process.stdout.write(`Nothing new for ${sub.email} in ${periodLabel(period)}: no digest would be sent.\n`);
          return;
        }
        const m = composed.message;
        process.stdout.write(opts.html ? `${m.html}\n` : `Subject: ${m.subject}\nTo: ${m.to}\n\n${m.text}`);
      } finally {
        await rt.close();
      }
    });
}
