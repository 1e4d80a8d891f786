// `paperboy digest send|preview` as a user runs them: a sender killed with SIGKILL between
// "claimed" and "sent" is taken over after its lease, and two processes at once send once; no
// SMTP_URL, a refused login and a lease too short for the SMTP timeout are each refused clearly;
// digests an unreachable server kept back are listed with their reason on stderr; with --date,
// it says why subscribers got no digest for that day; a SECRET_KEY the serving nodes do not share
// is refused before any mail goes out.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli, startCliProcess } from '../../test/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { refusedSmtpUrl, startSmtp, type TestSmtp } from '../../test/smtp.ts';
import { addSubscriber } from '../../test/subscribers.ts';
import { announceSigner } from '../actions/signing-key.ts';
import { outboxCounts } from '../db/outbox.ts';
import { siteSecret } from '../db/settings.ts';

const DAY = '2026-08-20';

describe.each(DIALECTS)('digest commands (%s)', (dialect) => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  afterEach(async () => {
    await smtp?.close();
    await db?.drop();
  });

  const env = (lease = '8') => ({ ...db.env, SMTP_URL: smtp.url, PUBLIC_URL: 'http://paperboy.test', DIGEST_LEASE_SECONDS: lease, SMTP_TIMEOUT_SECONDS: '4', LOG_LEVEL: 'silent' });
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
    // The lease runs out: moved into the past rather than waited for.
    const claimed = await db.db.selectFrom('digest_outbox').select('claimed_until').executeTakeFirstOrThrow();
    expect(Date.parse(claimed.claimed_until!)).toBeGreaterThan(Date.now());
    await db.db.updateTable('digest_outbox').set({ claimed_until: new Date(Date.now() - 1000).toISOString() }).execute();
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

    const [text, html, none] = await Promise.all([
      runCli(['digest', 'preview', 'r1@example.org', '--date', DAY], env()),
      runCli(['digest', 'preview', 'r1@example.org', '--date', DAY, '--html'], env()),
      runCli(['digest', 'preview', 'r1@example.org', '--date', '2026-08-10'], env()),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Robots fold laundry');
    expect(text.stdout).toContain('http://paperboy.test/unsubscribe/');
    expect(html.stdout).toContain('<table');
    expect(none.stdout).toContain('no digest would be sent');
  }, 60_000);

  it('without SMTP_URL, `digest send` refuses unless --log, a feed day not yet over is refused, and `serve` runs no digest job', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    await addSubscriber(db.db, { email: 'one@example.org' });
    const noSmtp = { ...db.env, PUBLIC_URL: 'http://paperboy.test', LOG_LEVEL: 'silent' };
    // A feed day that is not over yet cannot be sent: its late papers would never be mailed.
    const today = new Date().toISOString().slice(0, 10);
    const [early, refused] = await Promise.all([runCli(['digest', 'send', '--date', today, '--log'], noSmtp), runCli(['digest', 'send', '--date', DAY], noSmtp)]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain(`Feed day ${today} is not complete until`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('SMTP_URL is not set');
    expect(refused.stderr).toContain('--log');
    expect(await outboxCounts(db.db)).toEqual({});
    const logged = await runCli(['digest', 'send', '--date', DAY, '--log'], noSmtp);
    expect(logged.code, logged.stderr).toBe(0);
    expect(JSON.parse(logged.stdout)).toMatchObject({ sent: 1 });

    const server = await startCli(['serve'], { ...db.env, PORT: '0', HOST: '127.0.0.1', SAMPLE_DATA: '0', INGEST_SCHEDULE: '0' }, /serving http:\/\/localhost:(\d+)/);
    try {
      await sleep(300);
      expect(server.stderr().match(/email digests are off until SMTP_URL is set/g)).toHaveLength(1);
    } finally {
      server.child.kill('SIGTERM');
    }
  }, 60_000);

  it('a mail server refusing the login stops `digest send` with exit 1, nobody bounced', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp({ login: { user: 'paperboy', pass: 'right' } });
    await addSubscriber(db.db, { email: 'one@example.org' });
    const r = await runCli(['digest', 'send', '--date', DAY], { ...env(), SMTP_URL: smtp.url.replace('smtp://', 'smtp://paperboy:wrong@') });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 0, bounced: 0, stopped: expect.stringContaining('refused the login') });
    expect(r.stderr).toContain('digest send stopped: the SMTP server refused the login');
    expect(await db.db.selectFrom('subscribers').select('status').execute()).toEqual([{ status: 'active' }]);
    expect(await outboxCounts(db.db)).toEqual({ pending: 1 });
  }, 60_000);

  it('an unreachable mail server stops the run: stdout stays the JSON report, stderr says how many digests wait and why', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    await addSubscriber(db.db, { email: 'one@example.org' });
    const r = await runCli(['digest', 'send', '--date', DAY], { ...env(), SMTP_URL: await refusedSmtpUrl() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ enqueued: 1, sent: 0, retrying: 0, stopped: expect.stringMatching(/^SMTP server unreachable, 1 digest left queued/) });
    expect(r.stderr).toMatch(/^digest send stopped: SMTP server unreachable, 1 digest left queued \(the SMTP server could not be reached.*ECONNREFUSED/);
    expect(await outboxCounts(db.db)).toEqual({ pending: 1 });
  }, 60_000);

  it('after an outage, a run that sends nothing says how many digests wait and when the next try is due', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    await addSubscriber(db.db, { email: 'one@example.org' });
    const down = await runCli(['digest', 'send', '--date', DAY], { ...env(), SMTP_URL: await refusedSmtpUrl() });
    expect(down.code).toBe(1);
    const { next_attempt_at: due } = await db.db.selectFrom('digest_outbox').select('next_attempt_at').executeTakeFirstOrThrow();
    const r = await runCli(['digest', 'send'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 0, retrying: 0, queued: 1, nextTry: due });
    expect(r.stderr).toContain(`digest send: 1 digest still queued, waiting for a retry; the next try is due at ${due.slice(0, 16).replace('T', ' ')} UTC`);
    expect(to()).toEqual([]);
  }, 60_000);

  it('`digest send --date D` says why subscribers got no digest for D', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    await addSubscriber(db.db, { email: 'early@example.org' });
    const late = await addSubscriber(db.db, { email: 'late@example.org' });
    // Confirmed days after the digest of DAY was due (08:00 UTC the next day).
    await db.db.updateTable('subscribers').set({ confirmed_at: '2026-08-25T09:00:00.000Z' }).where('id', '=', late).execute();
    const first = await runCli(['digest', 'send', '--date', DAY], env());
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ enqueued: 1, sent: 1, notQueued: { confirmedLater: 1, alreadyQueued: 0, notDue: 0 } });
    expect(first.stderr).toContain(`digest send --date ${DAY}: 1 digest queued; not queued: 1 subscriber confirmed after that digest was due`);
    const again = await runCli(['digest', 'send', '--date', DAY], env());
    expect(JSON.parse(again.stdout)).toMatchObject({ enqueued: 0, sent: 0, notQueued: { confirmedLater: 1, alreadyQueued: 1 } });
    expect(again.stderr).toContain('0 digests queued; not queued: 1 subscriber confirmed after that digest was due (their first digest is a later one); 1 subscriber already had it queued or sent');
    // The day before DAY was never sent to the early one, who already had DAY's digest: not "already had it".
    const before = await runCli(['digest', 'send', '--date', '2026-08-19'], env());
    expect(JSON.parse(before.stdout)).toMatchObject({ enqueued: 0, sent: 0, notQueued: { confirmedLater: 1, alreadyQueued: 0, hadLater: 1 } });
    expect(before.stderr).toContain("1 subscriber already had a later digest (days before a subscriber's latest digest are not sent)");
    expect(before.stderr).not.toContain('already had it queued or sent');
    expect(to()).toEqual(['early@example.org']);
  }, 60_000);

  it('a lease shorter than twice the SMTP timeout is refused before anything runs', async () => {
    db = await createTestDatabase(dialect);
    smtp = await startSmtp();
    const r = await runCli(['digest', 'send'], { ...env('30'), SMTP_TIMEOUT_SECONDS: '60' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DIGEST_LEASE_SECONDS=30: must be at least twice SMTP_TIMEOUT_SECONDS');
  });

  it('a SECRET_KEY the serving nodes do not share is refused before any mail: every link in it would be dead', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [paperInput({ title: 'Robots fold laundry', feedDate: DAY, upvotes: 3 })]);
    smtp = await startSmtp();
    await addSubscriber(db.db, { email: 'one@example.org' });
    // A node serving this store from another machine, signing with the key kept in the store.
    await announceSigner(db.db, await siteSecret(db.db), false, { owner: 'web-1:4242' });
    const r = await runCli(['digest', 'send', '--date', DAY], { ...env(), SECRET_KEY: 'a key the serving node was never given' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SECRET_KEY is set here but not on the node already serving this store (web-1:4242)');
    expect(smtp.received).toHaveLength(0);
    // Without it, the command signs with the nodes' key and sends.
    const ok = await runCli(['digest', 'send', '--date', DAY], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(to()).toEqual(['one@example.org']);
  }, 60_000);
});
