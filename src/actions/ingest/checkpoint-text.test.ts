// Checkpoints in words: each kind of run's state, and anything else as its JSON.
import { describe, expect, it } from 'vitest';
import { describeCheckpoint } from './checkpoint-text.ts';

describe('describeCheckpoint', () => {
  it('says where an OAI harvest stands', () => {
    expect(describeCheckpoint({ window: null, highWater: '2026-08-20' })).toBe('harvested up to 2026-08-20');
    expect(describeCheckpoint({ window: { from: '2026-08-19', token: '6960524|1001', prefix: 'arXivRaw' }, highWater: null })).toBe(
      'nothing harvested yet; window from 2026-08-19 in progress, resumes at its next page',
    );
  });

  it("says where Hugging Face's days stand, listing a few days to retry", () => {
    const days = ['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06'];
    expect(describeCheckpoint({ ranges: { '2026-07-01': '2026-07-31' }, failed: days, attempts: {}, schedule: { reached: '2026-08-21', refreshed: null } })).toBe(
      'scheduled runs reached 2026-08-21; range from 2026-07-01 resumes at 2026-07-31; 6 days to retry: 2026-07-01, 2026-07-02, 2026-07-03, 2026-07-04, 2026-07-05, …',
    );
    expect(describeCheckpoint({ ranges: {}, failed: ['2025-01-10'] })).toBe('1 day to retry: 2025-01-10');
    expect(describeCheckpoint({ ranges: {}, failed: [] })).toBe('nothing read yet');
  });

  it('says where a query back-fill and the announcement feed stand, and shows anything else as JSON', () => {
    expect(describeCheckpoint({ query: 'cat:cs.LG AND all:diffusion', next: 300 })).toBe('query "cat:cs.LG AND all:diffusion": resumes at result 300');
    expect(describeCheckpoint({ announcedOn: '2026-08-21' })).toBe('last announcement read: 2026-08-21');
    expect(describeCheckpoint(null)).toBe('nothing to resume');
    expect(describeCheckpoint({ something: 'else' })).toBe('{"something":"else"}');
    expect(describeCheckpoint(['odd'])).toBe('["odd"]');
  });
});
