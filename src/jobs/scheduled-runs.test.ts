// A scheduled run happens once among nodes: the first node whose timer fires claims the moment the
// run was scheduled for, and a node whose timer fires late (its clock behind, its event loop busy),
// after that run ended, skips it instead of running the job again.
import { Cron } from 'croner';
import { pino } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { claimScheduledRun } from '../db/scheduled-runs.ts';
import { scheduledMoment, startScheduler } from './scheduler.ts';

describe('the moment a run was scheduled for', () => {
  it('is the same however late the timer fired, up to the next run', () => {
    const cron = new Cron('15 */2 * * *', { timezone: 'America/New_York', paused: true });
    const at = '2026-12-02T05:15:00.000Z';
    for (const fired of [at, '2026-12-02T05:15:00.004Z', '2026-12-02T05:15:07.500Z', '2026-12-02T07:14:59.999Z']) {
      expect(scheduledMoment(cron, new Date(fired)).toISOString()).toBe(at);
    }
    expect(scheduledMoment(cron, new Date('2026-12-02T07:15:00.000Z')).toISOString()).toBe('2026-12-02T07:15:00.000Z');
  });
});

describe.each(DIALECTS)('scheduled runs claimed in the store (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('the first claim of a moment wins; the same moment or an earlier one again loses; a later one wins', async () => {
    const at = new Date('2026-12-02T05:15:00Z');
    expect(await claimScheduledRun(t.db, 'hf-daily', at)).toBe(true);
    expect(await claimScheduledRun(t.db, 'hf-daily', at)).toBe(false);
    expect(await claimScheduledRun(t.db, 'hf-daily', new Date('2026-12-02T03:15:00Z'))).toBe(false);
    // Each job has its own claims.
    expect(await claimScheduledRun(t.db, 'arxiv', at)).toBe(true);
    expect(await claimScheduledRun(t.db, 'hf-daily', new Date('2026-12-02T07:15:00Z'))).toBe(true);
  });

  it('of several nodes claiming one moment at once, exactly one gets it', async () => {
    const at = new Date('2026-12-03T05:15:00Z');
    const won = await Promise.all(Array.from({ length: 6 }, () => claimScheduledRun(t.db, 'race', at)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('two schedulers on one store run a job claimed this way once per scheduled second, the other skipping it', async () => {
    const runs: string[] = [];
    const claims = new Map<string, boolean[]>();
    const skipped: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void ((JSON.parse(line) as { msg?: string }).msg === 'scheduled job skipped: another node took this run' && skipped.push(line)) });
    // One job on two nodes (croner wants distinct names within a process; the claim is the job's).
    const node = (name: string) => ({
      name: `every-second-${name}`,
      cron: '* * * * * *',
      claim: async (at: Date) => {
        const won = await claimScheduledRun(t.db, 'every-second', at);
        claims.set(at.toISOString(), [...(claims.get(at.toISOString()) ?? []), won]);
        return won;
      },
      run: async () => void runs.push(name),
    });
    const schedulers = [startScheduler([node('a')], { timezone: 'UTC', logger }), startScheduler([node('b')], { timezone: 'UTC', logger })];
    const until = Date.now() + 10_000;
    while ([...claims.values()].filter((c) => c.length === 2).length < 3 && Date.now() < until) await sleep(100);
    for (const s of schedulers) s.stop();
    await sleep(300);
    const both = [...claims.values()].filter((c) => c.length === 2);
    expect(both.length).toBeGreaterThanOrEqual(3);
    // Every second both timers fired, one node ran the job and the other skipped it.
    for (const c of both) expect(c.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength([...claims.values()].flat().filter(Boolean).length);
    expect(skipped).toHaveLength([...claims.values()].flat().filter((w) => !w).length);
  });
});
