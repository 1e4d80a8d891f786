// What an ingestion command prints at the end of a run, and its exit code: a run that went to the
// end with failed requests says it is partial, unlike a clean run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../actions/ingest/runner.ts';
import { reportRun } from './ingest-env.ts';

const run = (over: Partial<RunSummary>): RunSummary => ({
  id: 'r1', source: 'hf-daily', status: 'ok', errors: [], requests: 2, inserted: 3, updated: 0, unchanged: 0, skipped: 0, rejected: 0, ...over,
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
    expect(partial.out).toMatch(/^hf-daily finished PARTIALLY \(some requests failed\): 2 requests/);
    expect(partial.err).toContain('2025-01-10: Hugging Face answered 503');
    expect(partial.code).toBe(3);
    expect(report(run({ status: 'failed', errors: ['boom'] }))).toMatchObject({ out: expect.stringMatching(/^hf-daily FAILED:/), code: 1 });
  });
});
