// Shared request slots on both dialects: one claimer per turn, holds that block and lapse,
// releases that set the next start and never bring another process's pause forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { claimSlot, readSlot, releaseSlot, sharedRequestGate } from './source-throttle.ts';

describe.each(DIALECTS)('source throttle (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('gives a free slot to exactly one of several claimers that read the same turn', async () => {
    const slot = await readSlot(t, 'race');
    expect(slot).toMatchObject({ waitMs: 0, held: false });
    const wins = await Promise.all(Array.from({ length: 6 }, (_, i) => claimSlot(t, 'race', slot.turn, `p${i}`, 60_000, 3000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const held = await readSlot(t, 'race');
    expect(held.held).toBe(true);
    expect(held.waitMs).toBeGreaterThan(59_000);
  });

  it('holds until released, then waits the interval, or a longer pause that a shorter release does not shorten', async () => {
    const slot = await readSlot(t, 'rel');
    expect(await claimSlot(t, 'rel', slot.turn, 'a', 60_000, 3000)).toBe(true);
    await releaseSlot(t, 'rel', 'a', 3000);
    const after = await readSlot(t, 'rel');
    expect(after.held).toBe(false);
    expect(after.waitMs).toBeGreaterThan(2900);
    expect(after.waitMs).toBeLessThanOrEqual(3000);
    await releaseSlot(t, 'rel', 'b', 10_000);
    await releaseSlot(t, 'rel', 'c', 3000);
    expect((await readSlot(t, 'rel')).waitMs).toBeGreaterThan(9900);
  });

  it("a holder's release after its hold was taken over leaves the new holder's hold alone", async () => {
    const slot = await readSlot(t, 'over');
    expect(await claimSlot(t, 'over', slot.turn, 'new', 60_000, 3000)).toBe(true);
    await releaseSlot(t, 'over', 'old', 3000);
    expect(await readSlot(t, 'over')).toMatchObject({ held: true });
  });

  it('a hold never released lapses after its bound; a dead holder is passed over at once', async () => {
    const gate = (owner: string, isDead?: (h: string) => boolean) => sharedRequestGate(t, 'crash', { intervalMs: 50, owner, isDead, pollMs: 20 });
    await gate('crashed').acquire(400);
    const t0 = performance.now();
    const release = await gate('next').acquire(400);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(350);
    expect(performance.now() - t0).toBeLessThan(2000);
    await release();
    await new Promise((r) => setTimeout(r, 60));
    await gate('killed').acquire(60_000);
    const t1 = performance.now();
    await gate('next', (h) => h.startsWith('killed:')).acquire(400);
    expect(performance.now() - t1).toBeLessThan(1000);
  });
});
