// The digest job inside `serve`: off (and said so once) without SMTP_URL, and its claims last
// DIGEST_LEASE_SECONDS.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { addSubscriber } from '../../test/subscribers.ts';
import type { Mailer } from '../mail/mailer.ts';
import { digestJobs } from './digest-jobs.ts';

/** A logger whose lines the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { logger, lines };
}

describe.each(DIALECTS)('digest job (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  const deps = (mailer: Mailer) => ({ db: t.database.db, search: t.ctx.search, mailer, secret: t.ctx.secret, baseUrl: t.ctx.baseUrl, siteName: 'Paperboy', now: t.ctx.now, sync: () => t.ctx.search.sync() });

  it('does not exist without SMTP_URL, and says so once', async () => {
    t = await createTestApp(dialect);
    const { logger, lines } = recordingLogger();
    expect(digestJobs(deps(t.mailer), { cron: '*/5 * * * *', logger, leaseSeconds: 300, smtpConfigured: false })).toEqual([]);
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining('email digests are off until SMTP_URL is set, and so are reply mails')]);
  });

  it('claims digests for DIGEST_LEASE_SECONDS', async () => {
    t = await createTestApp(dialect, [paperInput({ feedDate: '2026-08-20', upvotes: 3 })]);
    await addSubscriber(t.database.db);
    const leases: number[] = [];
    const mailer: Mailer = {
      async send() {
        const row = await t.database.db.selectFrom('digest_outbox').select('claimed_until').executeTakeFirstOrThrow();
        leases.push((Date.parse(row.claimed_until!) - t.ctx.now().getTime()) / 1000);
        return { messageId: '<x@paperboy.test>' };
      },
      close: () => undefined,
    };
    const [job] = digestJobs(deps(mailer), { cron: '*/5 * * * *', logger: pino({ level: 'silent' }), leaseSeconds: 900, smtpConfigured: true });
    await job!.run();
    expect(leases).toEqual([900]);
  });
});
