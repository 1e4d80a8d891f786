// The ingestion display: a bar with the total when it is known (days of a range, an OAI list's
// size), a counter line when it is not, and plain lines when stderr is not a terminal.
import { describe, expect, it } from 'vitest';
import type { RunCounts } from '../db/ingest.ts';
import { ingestProgress, progressBar, type ProgressStream } from './progress.ts';

const counts = (over: Partial<RunCounts> = {}): RunCounts => ({ requests: 1, inserted: 2, updated: 0, unchanged: 0, skipped: 0, rejected: 0, ...over });

const ESC = String.fromCharCode(27);

/** A stream that records what is written, as a terminal or not. */
function fakeStream(isTTY: boolean): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 200,
    write: ((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    }) as ProgressStream['write'],
    // Escape sequences (cursor moves, line clears) removed.
    text: () => chunks.join('').replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, 'g'), ''),
  };
}

describe('ingestProgress', () => {
  it('draws a bar with done and total days on a terminal', () => {
    const out = fakeStream(true);
    const p = ingestProgress(out);
    p.update('hf-daily', counts(), '2026-08-15', { done: 1, total: 7, unit: 'days' });
    p.update('hf-daily', counts({ requests: 3, inserted: 40 }), '2026-08-17', { done: 3, total: 7, unit: 'days' });
    p.stop();
    expect(out.text()).toMatch(/hf-daily \[[█░]+\] 3\/7 days \| 3 requests, 40 new/);
  });

  it('draws a bar over an OAI list of known size, and a new one for the next set', () => {
    const out = fakeStream(true);
    const p = ingestProgress(out);
    p.update('arxiv-oai:cs', counts(), 'cs from 2016-10-20', { done: 387, total: 1440, unit: 'records' });
    p.update('arxiv-oai:math', counts(), 'math from 2016-10-20', { done: 10, total: 20, unit: 'records' });
    p.stop();
    expect(out.text()).toMatch(/arxiv-oai:cs \[[█░]+\] 387\/1440 records/);
    expect(out.text()).toMatch(/arxiv-oai:math \[[█░]+\] 10\/20 records/);
  });

  it('falls back to a counter line when the total is unknown', () => {
    const out = fakeStream(true);
    const p = ingestProgress(out);
    p.update('arxiv-query', counts({ requests: 2, inserted: 150 }), '150 of 1000');
    p.stop();
    expect(out.text()).toBe('\rarxiv-query: 2 requests, 150 new, 0 updated, 0 unchanged, 0 skipped, 0 rejected (150 of 1000)\n');
  });

  it('writes only notable lines when stderr is not a terminal', () => {
    const out = fakeStream(false);
    const p = ingestProgress(out);
    p.update('hf-daily', counts(), '2026-08-15', { done: 1, total: 7, unit: 'days' });
    p.update('hf-daily', counts({ rejected: 1 }), '2026-08-16 #3: title is empty', { done: 2, total: 7, unit: 'days' });
    p.stop();
    expect(out.text()).toBe('hf-daily: 1 requests, 2 new, 0 updated, 0 unchanged, 0 skipped, 1 rejected (2026-08-16 #3: title is empty)\n');
  });

  it('off a terminal, writes a failed day once and remembers it, so the report does not repeat it', () => {
    const out = fakeStream(false);
    const p = ingestProgress(out);
    p.update('hf-daily', counts(), '2026-12-01: cannot connect', { done: 0, total: 1, unit: 'days' });
    p.update('hf-daily', counts(), '2026-12-01: failed', { done: 1, total: 1, unit: 'days' });
    p.stop();
    expect(out.text()).toBe('hf-daily: 1 requests, 2 new, 0 updated, 0 unchanged, 0 skipped, 0 rejected (2026-12-01: cannot connect)\n');
    expect(p.shown('2026-12-01: cannot connect')).toBe(true);
    expect(p.shown('2026-12-02: cannot connect')).toBe(false);
  });

  it('on a terminal, a counter line gives way to the bar instead of staying above it', () => {
    const out = fakeStream(true);
    const p = ingestProgress(out);
    p.update('hf-daily', counts(), '2026-12-01: cannot connect');
    p.update('hf-daily', counts(), '2026-12-01: failed', { done: 1, total: 1, unit: 'days' });
    p.stop();
    expect(out.text()).not.toContain('cannot connect)\n');
  });
});

describe('progressBar', () => {
  it('prints a rejected record above the bar, and the bar carries on from where it was', () => {
    const out = fakeStream(true);
    const bar = progressBar('Importing', '', out);
    bar.update(1048576, 4 * 1048576);
    bar.log('rejected a.jsonl:2: invalid JSON');
    bar.update(3 * 1048576, 4 * 1048576);
    bar.stop();
    const text = out.text();
    expect(text).toContain('rejected a.jsonl:2: invalid JSON\n');
    const after = text.slice(text.indexOf('invalid JSON'));
    expect(after).toMatch(/Importing .*3\/4 MB/);
  });

  it('off a terminal, writes only the logged lines', () => {
    const out = fakeStream(false);
    const bar = progressBar('Importing', '', out);
    bar.update(1, 2);
    bar.log('skipped file b.json: cannot read');
    bar.stop();
    expect(out.text()).toBe('skipped file b.json: cannot read\n');
  });
});
