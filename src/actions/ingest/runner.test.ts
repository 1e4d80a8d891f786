// Leases on a live run: renewed while a request waits longer than the lease, and a run whose lease
// another runner took stops with a clear error and writes nothing more. A run's status: partial
// when some requests failed, failed when all of them did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { acquireLease, getCheckpoint } from '../../db/ingest.ts';
import { findPaper } from '../../db/papers.ts';
import { LEASE_MS, runIngest } from './runner.ts';

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
});
