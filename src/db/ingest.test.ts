// Ingestion bookkeeping on both dialects: checkpoints, leases between processes, run records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { acquireLease, finishRun, getCheckpoint, listRuns, releaseLease, saveCheckpoint, startRun } from './ingest.ts';

const at = (iso: string): Date => new Date(iso);

describe.each(DIALECTS)('ingestion bookkeeping (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('saves and reads a checkpoint', async () => {
    expect(await getCheckpoint(t.db, 'src')).toBeUndefined();
    await saveCheckpoint(t.db, 'src', { done: '2026-01-01' }, at('2026-01-02T00:00:00Z'));
    await saveCheckpoint(t.db, 'src', { done: '2026-01-02' }, at('2026-01-03T00:00:00Z'));
    expect(await getCheckpoint(t.db, 'src')).toEqual({ done: '2026-01-02' });
  });

  it('lets one owner hold a lease; others wait until it lapses, is released, or its owner is dead', async () => {
    const now = at('2026-01-01T00:00:00Z');
    expect(await acquireLease(t.db, 'lease', 'a', now, 60_000)).toBe(true);
    expect(await acquireLease(t.db, 'lease', 'b', now, 60_000)).toBe(false);
    expect(await acquireLease(t.db, 'lease', 'a', at('2026-01-01T00:00:30Z'), 60_000)).toBe(true);
    expect(await acquireLease(t.db, 'lease', 'b', at('2026-01-01T00:01:00Z'), 60_000)).toBe(false);
    expect(await acquireLease(t.db, 'lease', 'b', at('2026-01-01T00:01:31Z'), 60_000)).toBe(true);
    expect(await acquireLease(t.db, 'lease', 'c', at('2026-01-01T00:01:32Z'), 60_000, (o) => o === 'b')).toBe(true);
    await releaseLease(t.db, 'lease', 'c');
    expect(await acquireLease(t.db, 'lease', 'd', at('2026-01-01T00:01:33Z'), 60_000)).toBe(true);
    // The lease row keeps the checkpoint's state untouched.
    await saveCheckpoint(t.db, 'lease', { x: 1 }, now);
    expect(await acquireLease(t.db, 'lease', 'd', now, 60_000)).toBe(true);
    expect(await getCheckpoint(t.db, 'lease')).toEqual({ x: 1 });
  });

  it('only one of many simultaneous takers gets a free lease', async () => {
    const now = at('2026-02-01T00:00:00Z');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease(t.db, 'race', `n${i}`, now, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records runs and marks a run left running by a dead process as interrupted', async () => {
    const first = await startRun(t.db, 'runs', { since: 'x' }, at('2026-01-01T00:00:00Z'));
    const second = await startRun(t.db, 'runs', {}, at('2026-01-01T01:00:00Z'));
    await finishRun(t.db, second, 'ok', { requests: 3, inserted: 2, updated: 1, unchanged: 0, skipped: 0, rejected: 1 }, ['x #1: bad'], at('2026-01-01T01:05:00Z'));
    const runs = await listRuns(t.db, 10, 'runs');
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [second, 'ok'],
      [first, 'interrupted'],
    ]);
    expect(runs[0]).toMatchObject({ inserted: 2, rejected: 1, errors: '["x #1: bad"]', finished_at: '2026-01-01T01:05:00.000Z' });
  });
});
