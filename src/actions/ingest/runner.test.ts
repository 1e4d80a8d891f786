// Leases on a live run: renewed while a request waits longer than the lease, and a run whose lease
// another runner took stops with a clear error and writes nothing more; a renewal that fails (a
// database error, the lease taken over) is logged as a warning with the source, the run, the
// reason and what the run does next. A run's status: partial when some requests failed, failed
// when all of them did.
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { acquireLease, getCheckpoint, listRuns } from '../../db/ingest.ts';
import { findPaper } from '../../db/papers.ts';
import type { DB } from '../../db/schema.ts';
import { type IngestLogger, LEASE_MS, runIngest } from './runner.ts';

/** A pino logger writing its JSON lines to a list, as the CLI's and the scheduler's write them to stderr. */
function capturedLogger(): { logger: IngestLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/**
 * The store, but every lease write fails (as when the database is unreachable) while `failing()`
 * says so, outside transactions and inside them.
 */
function failingLeases(db: Kysely<DB>, failing: () => boolean): Kysely<DB> {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'insertInto' && failing()) {
        return () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        };
      }
      if (prop === 'transaction') {
        return () => ({ execute: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => target.transaction().execute((trx) => fn(failingLeases(trx, failing))) });
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const MINUTE = 60_000;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('ingestion leases (%s)', (dialect) => {
  let t: TestDatabase;
  let clock = 0;
  const now = (): Date => new Date(Date.UTC(2026, 7, 21) + clock);
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('renews the lease while a request waits longer than the lease lasts', async () => {
    let takenOver: boolean | undefined;
    const run = await runIngest<null>({ db: t.db, now, owner: 'runner', leaseRenewMs: 5 }, 'leased', {}, async (h) => {
      // A fetch waiting out a long Retry-After: 8 minutes pass, with the heartbeat running.
      clock += 4 * MINUTE;
      await pause(100);
      clock += 4 * MINUTE;
      takenOver = await acquireLease(t.db, 'leased', 'intruder', now(), LEASE_MS);
      await h.commit([paperInput({ id: '2608.00001' })], null);
    });
    expect(takenOver).toBe(false);
    expect(run).toMatchObject({ status: 'ok', inserted: 1 });
  });

  it('stops with a clear error, writing nothing more, when another runner took the lease', async () => {
    const run = await runIngest<{ batch: number }>({ db: t.db, now, owner: 'runner', leaseRenewMs: 3_600_000 }, 'lapsed', {}, async (h) => {
      await h.commit([paperInput({ id: '2608.00002' })], { batch: 1 });
      // The process stalls past its lease (no renewal), and another runner takes the source over.
      clock += LEASE_MS + MINUTE;
      expect(await acquireLease(t.db, 'lapsed', 'other-node:42', now(), LEASE_MS)).toBe(true);
      await h.commit([paperInput({ id: '2608.00003' })], { batch: 2 });
    });
    expect(run.status).toBe('failed');
    expect(run.errors).toEqual([expect.stringMatching(/another runner \(other-node:42\) took over lapsed/)]);
    expect(await findPaper(t.db, '2608.00002')).toBeDefined();
    expect(await findPaper(t.db, '2608.00003')).toBeUndefined();
    expect(await getCheckpoint(t.db, 'lapsed')).toEqual({ batch: 1 });
    // The new owner keeps its lease: the stopped run did not release it.
    const lease = await t.db.selectFrom('ingest_checkpoints').select('lease_owner').where('source', '=', 'lapsed').executeTakeFirst();
    expect(lease?.lease_owner).toBe('other-node:42');
  });

  it('logs a warning when a renewal fails with a database error, and goes on', async () => {
    const { logger, lines } = capturedLogger();
    let failing = false;
    let runId: string | undefined;
    const run = await runIngest<null>({ db: failingLeases(t.db, () => failing), now, owner: 'runner', leaseRenewMs: 5, logger }, 'flaky-store', {}, async (h) => {
      failing = true;
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 5000 });
      failing = false;
      runId = (lines[0] as { run?: string }).run;
      await h.commit([paperInput({ id: '2608.00004' })], null);
    });
    expect(run).toMatchObject({ status: 'ok', inserted: 1 });
    expect(runId).toBe(run.id);
    expect(lines[0]).toMatchObject({
      level: 40,
      source: 'flaky-store',
      run: run.id,
      owner: 'runner',
      reason: 'connect ECONNREFUSED 127.0.0.1:5432',
      next: expect.stringMatching(/^the run goes on and tries again in 1 s; if the lease lapses first, another runner may take flaky-store over/),
      failedRenewals: 1,
    });
    expect(lines[0]!['msg']).toMatch(new RegExp(`^ingestion lease of flaky-store not renewed \\(run ${run.id}\\): connect ECONNREFUSED 127\\.0\\.0\\.1:5432; the run goes on`));
  });

  it('logs a warning when a renewal finds the lease taken over, and the run stops', async () => {
    const { logger, lines } = capturedLogger();
    const run = await runIngest<null>({ db: t.db, now, owner: 'runner', leaseRenewMs: 5, logger }, 'taken', {}, async (h) => {
      clock += LEASE_MS + MINUTE;
      expect(await acquireLease(t.db, 'taken', 'other-node:7', now(), LEASE_MS)).toBe(true);
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 5000 });
      h.request();
    });
    expect(run.status).toBe('failed');
    expect(run.errors).toEqual([expect.stringMatching(/another runner \(other-node:7\) took over taken/)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      source: 'taken',
      run: run.id,
      reason: 'another runner (other-node:7) holds it now',
      heldBy: 'other-node:7',
      next: 'the run stops before its next request or commit; nothing more is written',
    });
  });

  it('logs a warning when a commit finds the lease taken over: that batch is not stored', async () => {
    const { logger, lines } = capturedLogger();
    const run = await runIngest<null>({ db: t.db, now, owner: 'runner', leaseRenewMs: 3_600_000, logger }, 'taken-at-commit', {}, async (h) => {
      clock += LEASE_MS + MINUTE;
      expect(await acquireLease(t.db, 'taken-at-commit', 'other-node:8', now(), LEASE_MS)).toBe(true);
      await h.commit([paperInput({ id: '2608.00005' })], null);
    });
    expect(run.status).toBe('failed');
    expect(await findPaper(t.db, '2608.00005')).toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ level: 40, source: 'taken-at-commit', run: run.id, heldBy: 'other-node:8', next: 'the run stops: this batch is not stored' })]);
  });

  it('logs a warning when a commit cannot renew the lease for a database error: the run stops', async () => {
    const { logger, lines } = capturedLogger();
    let failing = false;
    const run = await runIngest<null>({ db: failingLeases(t.db, () => failing), now, owner: 'runner', leaseRenewMs: 3_600_000, logger }, 'store-down', {}, async (h) => {
      failing = true;
      try {
        await h.commit([paperInput({ id: '2608.00006' })], null);
      } finally {
        failing = false;
      }
    });
    expect(run).toMatchObject({ status: 'failed', errors: ['connect ECONNREFUSED 127.0.0.1:5432'] });
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, source: 'store-down', run: run.id, reason: 'connect ECONNREFUSED 127.0.0.1:5432', next: 'the run stops: this batch is not stored, and the next run resumes from the last checkpoint' }),
    ]);
  });

  it('ends partial when some requests failed, and failed when every one did', async () => {
    const requests = (failing: boolean[]) => async (h: { request(): void; problem(kind: 'failed', m: string): void }) => {
      failing.forEach((fails, i) => {
        h.request();
        if (fails) h.problem('failed', `day ${i}: Hugging Face answered 503`);
      });
    };
    const env = { db: t.db, now, owner: 'runner' };
    expect(await runIngest<null>(env, 'statuses', {}, requests([false, true]))).toMatchObject({ status: 'partial', requests: 2 });
    expect(await runIngest<null>(env, 'statuses', {}, requests([true, true]))).toMatchObject({ status: 'failed', requests: 2, errors: ['day 0: Hugging Face answered 503', 'day 1: Hugging Face answered 503'] });
    expect(await runIngest<null>(env, 'statuses', {}, requests([]))).toMatchObject({ status: 'ok', requests: 0 });
    // A rejected record makes the run partial, as its command exits 3, not "ok".
    const rejecting = async (h: { request(): void; problem(kind: 'rejected', m: string): void }) => {
      h.request();
      h.problem('rejected', '2026-11-20 #3: title is empty');
    };
    expect(await runIngest<null>(env, 'statuses', {}, rejecting)).toMatchObject({ status: 'partial', rejected: 1, requests: 1 });
    // Retries made while a run lives count as its attempts, not as more requests.
    let retried = 4;
    const retrying = async (h: { request(): void }) => {
      h.request();
      retried += 5;
    };
    expect(await runIngest<null>({ ...env, retries: () => retried }, 'statuses', {}, retrying)).toMatchObject({ status: 'ok', requests: 1, attempts: 6 });
  });

  it("keeps a run's attempts in its record, as it goes and when it ends; none when retries are not counted", async () => {
    let retried = 10;
    let midway: number | null | undefined;
    const run = await runIngest<null>({ db: t.db, now, owner: 'runner', retries: () => retried }, 'attempts', {}, async (h) => {
      h.request();
      retried += 2;
      await h.commit([], null);
      midway = (await listRuns(t.db, 1, 'attempts'))[0]?.attempts;
      h.request();
      retried += 1;
      h.problem('failed', 'day 2: Hugging Face answered 503');
    });
    expect(midway).toBe(3);
    expect(run).toMatchObject({ status: 'partial', requests: 2, attempts: 5 });
    expect((await listRuns(t.db, 1, 'attempts'))[0]).toMatchObject({ id: run.id, requests: 2, attempts: 5 });
    // A run that stops with an error keeps them too.
    const failed = await runIngest<null>({ db: t.db, now, owner: 'runner', retries: () => retried }, 'attempts', {}, async (h) => {
      h.request();
      retried += 4;
      throw new Error('boom');
    });
    expect((await listRuns(t.db, 10, 'attempts')).find((r) => r.id === failed.id)).toMatchObject({ status: 'failed', requests: 1, attempts: 5 });
    const uncounted = await runIngest<null>({ db: t.db, now, owner: 'runner' }, 'attempts', {}, async (h) => h.request());
    expect((await listRuns(t.db, 10, 'attempts')).find((r) => r.id === uncounted.id)).toMatchObject({ requests: 1, attempts: null });
  });
});
