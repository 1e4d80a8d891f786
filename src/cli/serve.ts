/**
 * `paperboy serve` (what `npm start` runs): checks that it can listen on HOST:PORT, migrates the
 * store, loads the bundled sample corpus on first run when the store is empty, builds the search
 * index and serves the site and API.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadSampleIfEmpty } from '../actions/load-sample.ts';
import { joinSigners } from '../actions/signing-key.ts';
import { countPapers } from '../db/papers.ts';
import { siteSecret } from '../db/settings.ts';
import { checkListen, startServer } from '../http/server.ts';
import { mailLater } from '../mail/background.ts';
import { createMailer } from '../mail/mailer.ts';
import { digestJobs } from '../jobs/digest-jobs.ts';
import { ingestJobs } from '../jobs/ingest-jobs.ts';
import { arxivClient, createSources } from '../jobs/sources.ts';
import { describeSchedule, startScheduler } from '../jobs/scheduler.ts';
import { loadConfig, proxyWarning } from '../config.ts';
import { warnMailSettings } from './digest-env.ts';
import { sharedSourceOptions, warnPlaceholderContact } from './ingest-env.ts';
import { progressBar } from './progress.ts';
import { openRuntime } from './runtime.ts';

const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/sample');

/** Registers the serve command. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the site and JSON API (PORT, default 8080); loads the sample corpus into an empty store')
    .option('--no-migrate', 'refuse to start if the schema is behind instead of migrating it')
    .action(async (opts: { migrate: boolean }) => {
      // A port in use or a bad HOST is told at once, not after the migrations, the sample and the index.
      const listen = loadConfig();
      await checkListen({ port: listen.port, host: listen.host });
      const rt = await openRuntime({ migrate: opts.migrate });
      const { config, logger, database } = rt;
      // Scheduled ingestion and submissions' look-ups both send it: warned whatever the schedule.
      warnPlaceholderContact(rt);
      warnMailSettings(rt);
      const proxy = proxyWarning(config);
      if (proxy) logger.warn(proxy);
      // Before anything slow: a node whose signing key is not its peers' is refused at once.
      const secret = await siteSecret(database.db, config.secretKey);
      const signers = await joinSigners(database.db, secret, Boolean(config.secretKey), {
        onMismatch: (message) => logger.error(message),
        onError: (err) => logger.warn({ err }, 'could not renew this node\'s signing-key entry in the store'),
      });
      if (config.sampleData) {
        const bar = progressBar('Loading the sample corpus');
        let rejected = 0;
        const report = await loadSampleIfEmpty(database.db, SAMPLE_DIR, {
          // A few seconds of work, with no bar off a terminal: said before it begins.
          onStart: (files) => logger.info({ files: files.map((f) => path.basename(f)) }, `loading the bundled sample: ${files.length} files…`),
          onProblem: (p) => {
            if (p.kind === 'file-error') logger.warn({ file: p.where, reason: p.reason }, 'sample file skipped');
            else rejected++;
          },
          onProgress: (pr) => bar.update(pr.bytesRead, pr.totalBytes),
        });
        bar.stop();
        if (report?.status === 'busy') logger.info({ owner: report.owner }, 'another process is loading the sample corpus');
        else if (report) {
          // Records, not papers: the same paper under two records (a daily entry and a sample line) is stored once.
          const papers = await countPapers(database.db);
          logger.info(
            { recordsRead: report.records, papersStored: papers, withCategories: report.categorized, rejected, skippedFiles: report.fileErrors.length },
            `loaded the bundled sample (first run): ${report.records.toLocaleString('en-US')} records read, ${papers.toLocaleString('en-US')} papers stored once the same paper's records were merged`,
          );
          if (rejected > 0) logger.warn({ rejected, first: report.rejected.slice(0, 3) }, 'sample records rejected');
        }
      }
      const search = rt.search();
      const t0 = Date.now();
      await search.sync();
      logger.info({ papers: search.size, ms: Date.now() - t0 }, `search index ready: ${search.size.toLocaleString('en-US')} papers`);
      // One client per source for scheduled ingestion, and one for submissions' look-ups, which
      // retry once (a person is waiting). arXiv's slots come from the store, so its
      // one-request-every-3-seconds rule holds across both and across every other node or CLI
      // run on the same database.
      const sources = createSources(config, sharedSourceOptions(rt));
      const lookups = arxivClient(config, { ...sharedSourceOptions(rt), maxRetries: 1 });
      // Started once the server listens: a node that cannot serve does not ingest either.
      let scheduler: ReturnType<typeof startScheduler> | undefined;
      const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger, timeoutSeconds: config.smtpTimeoutSeconds });
      const later = mailLater(mailer, logger);
      const baseUrl = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
      const server = await startServer(
        { config, database, search, logger, now: () => new Date(), secret, mailer, mailLater: later, baseUrl, arxiv: lookups, upcomingJobs: () => scheduler?.upcoming() ?? [] },
        { port: config.port, host: config.host, syncSeconds: config.searchSyncSeconds },
      );
      logger.info(`Paperboy is serving http://localhost:${server.port}`);
      if (config.ingestSchedule) {
        const jobs = ingestJobs(config, database, logger, sources);
        scheduler = startScheduler(jobs, { timezone: config.ingestTimezone, logger });
        logger.info({ timezone: config.ingestTimezone, next: scheduler.upcoming() }, describeSchedule('ingestion schedule', jobs, scheduler.upcoming(), config.ingestTimezone));
      } else logger.info('ingestion schedule: off (INGEST_SCHEDULE=0)');
      const digestJobList = config.digestSchedule
        ? digestJobs(
            { db: database.db, search, mailer, secret, baseUrl, siteName: config.siteName, now: () => new Date(), sync: () => search.sync() },
            { cron: config.digestCron, logger, leaseSeconds: config.digestLeaseSeconds, smtpConfigured: config.smtpUrl !== undefined },
          )
        : [];
      const digests = digestJobList.length > 0 ? startScheduler(digestJobList, { timezone: 'UTC', logger }) : undefined;
      const stop = async (): Promise<void> => {
        logger.info('shutting down');
        scheduler?.stop();
        digests?.stop();
        await server.close();
        await signers.stop().catch((err: unknown) => logger.warn({ err }, 'could not remove this node\'s signing-key entry from the store'));
        // Account mails already promised to visitors go out before the transport closes.
        await Promise.race([later.idle(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
        mailer.close();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
