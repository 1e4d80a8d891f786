// What an ingestion command prints at the end of a run, and its exit code: a run that went to the
// end with failed requests says it is partial, unlike a clean run; several runs exit with the worst.
// A command's runs log through the command's logger (a lease renewal that failed, for one).
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../actions/ingest/runner.ts';
import { cliIngestEnv, reportRun } from './ingest-env.ts';
import type { Runtime } from './runtime.ts';

const run = (over: Partial<RunSummary>): RunSummary => ({
  id: 'r1', source: 'hf-daily', status: 'ok', errors: [], requests: 2, inserted: 3, updated: 0, unchanged: 0, skipped: 0, rejected: 0, ...over,
});

describe('cliIngestEnv', () => {
  it("gives runs the command's logger", () => {
    const logger = pino({ level: 'silent' });
    const rt = { logger, database: { db: {} } } as unknown as Runtime;
    expect(cliIngestEnv(rt).logger).toBe(logger);
  });
});

describe('reportRun', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  const report = (s: RunSummary): { out: string; err: string; code: number | string | undefined } => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
    reportRun(s);
    const code = process.exitCode;
    vi.restoreAllMocks();
    return { out: out.join(''), err: err.join(''), code };
  };

  it('tells a partial run from a clean one and a failed one', () => {
    expect(report(run({}))).toMatchObject({ out: expect.stringMatching(/^hf-daily finished: 2 requests, 3 new/), code: 0 });
    const partial = report(run({ status: 'partial', errors: ['2025-01-10: Hugging Face answered 503 for 2025-01-10'] }));
    expect(partial.out).toMatch(/^hf-daily finished PARTIALLY \(with the problems listed above: failed requests, rejected records or ids not found\): 2 requests/);
    expect(partial.err).toContain('2025-01-10: Hugging Face answered 503');
    expect(partial.code).toBe(3);
    expect(report(run({ status: 'failed', errors: ['boom'] }))).toMatchObject({ out: expect.stringMatching(/^hf-daily FAILED:/), code: 1 });
  });

  it('says the attempts of requests that were tried again', () => {
    expect(report(run({ status: 'failed', requests: 1, attempts: 6, errors: ['boom'] })).out).toMatch(/^hf-daily FAILED: 1 requests \(6 attempts\), 3 new/);
    expect(report(run({ requests: 2, attempts: 2 })).out).toMatch(/^hf-daily finished: 2 requests, 3 new/);
  });

  it('exits with the worst of several runs (one OAI run per set), whatever their order', () => {
    const codes = (statuses: RunSummary['status'][]): number | string | undefined => {
      process.exitCode = undefined;
      let code: number | string | undefined;
      for (const status of statuses) code = report(run({ status, errors: status === 'ok' ? [] : ['2025-01-10: failed'] })).code;
      return code;
    };
    expect(codes(['partial', 'ok'])).toBe(3);
    expect(codes(['failed', 'partial', 'ok'])).toBe(1);
    expect(codes(['ok', 'partial', 'failed'])).toBe(1);
    expect(codes(['ok', 'ok'])).toBe(0);
    // A clean run after one with rejections keeps exit 3.
    process.exitCode = undefined;
    report(run({ status: 'ok', rejected: 1, errors: ['2025-01-10 #1: no title'] }));
    expect(report(run({})).code).toBe(3);
  });
});
