// `paperboy digest send|preview` as a user runs them: a sender killed with SIGKILL between
// "claimed" and "sent" is taken over after its lease, and two processes at once send once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCliProcess } from '../../test/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { startSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addSubscriber } from '../../test/subscribers.ts';
import { outboxCounts } from '../db/outbox.ts';

const DAY = '2026-08-20';

describe.each(DIALECTS)('digest commands (%s)', (dialect) => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  afterEach(async () => {
    await smtp?.close();
    await db?.drop();
  });

  const env = (lease = '8') => ({ ...db.env, SMTP_URL: smtp.url, PUBLIC_URL: 'http://paperboy.test', DIGEST_LEASE_SECONDS: lease, LOG_LEVEL: 'silent' });
  const to = () => smtp.received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? '').sort();

  it('a sender killed with SIGKILL mid-send is taken over after its lease; nothing twice', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Speculative decoding', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    await addSubscriber(db.db, { email: 'one@example.org' });
    smtp.faults.push('stall');
    const child = startCliProcess(['digest', 'send', '--date', DAY], env());
    // Wait until the child has claimed the row and is stuck in DATA.
    for (let i = 0; i < 100; i++) {
      const row = await db.db.selectFrom('digest_outbox').select('claimed_by').executeTakeFirst();
      if (row?.claimed_by) break;
      await sleep(100);
    }
    await sleep(300);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(smtp.received).toHaveLength(0);
    // Within the lease, a restart leaves the row alone; after it, the digest goes out once.
    const early = await runCli(['digest', 'send', '--date', DAY], env());
    expect(early.code, early.stderr).toBe(0);
    expect(JSON.parse(early.stdout)).toMatchObject({ sent: 0 });
    const claimed = await db.db.selectFrom('digest_outbox').select('claimed_until').executeTakeFirstOrThrow();
    await sleep(Math.max(0, Date.parse(claimed.claimed_until!) - Date.now()) + 200);
    const late = await runCli(['digest', 'send', '--date', DAY], env());
    expect(JSON.parse(late.stdout)).toMatchObject({ sent: 1 });
    expect(to()).toEqual(['one@example.org']);
  }, 60_000);

  it('two processes at once send each digest once; preview prints it', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    for (let i = 0; i < 25; i++) await addSubscriber(db.db, { email: `r${i}@example.org` });
    const [a, b] = await Promise.all([runCli(['digest', 'send', '--date', DAY], env()), runCli(['digest', 'send', '--date', DAY], env())]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(smtp.received).toHaveLength(25);
    expect(new Set(to()).size).toBe(25);
    expect(await outboxCounts(db.db)).toEqual({ sent: 25 });

    const text = await runCli(['digest', 'preview', 'r1@example.org', '--date', DAY], env());
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Robots fold laundry');
    expect(text.stdout).toContain('http://paperboy.test/unsubscribe/');
    const html = await runCli(['digest', 'preview', 'r1@example.org', '--date', DAY, '--html'], env());
    expect(html.stdout).toContain('<table');
    const none = await runCli(['digest', 'preview', 'r1@example.org', '--date', '2026-08-10'], env());
    expect(none.stdout).toContain('no digest would be sent');
  }, 60_000);
});
