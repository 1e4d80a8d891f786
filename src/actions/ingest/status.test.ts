// What a run covered, in words, from the parameters it was started with.
import { describe, expect, it } from 'vitest';
import { describeRunWindow } from './status.ts';

describe('describeRunWindow', () => {
  it('names the days, period, range, categories, query or ids of a run', () => {
    expect(describeRunWindow({ dates: ['2026-11-20'] })).toBe('2026-11-20');
    expect(describeRunWindow({ dates: ['2026-11-20', '2026-11-21', '2026-11-22'], week: '2026-W47' })).toBe('week 2026-W47');
    expect(describeRunWindow({ since: '2026-07-01', until: '2026-07-28', restart: true })).toBe('since 2026-07-01 until 2026-07-28 (restarted)');
    expect(describeRunWindow({ scheduled: true })).toBe('the scheduled days');
    expect(describeRunWindow({ categories: ['cs.AI', 'cs.LG'], prefix: 'arXivRaw', set: 'cs' })).toBe('cs.AI,cs.LG from where the last harvest ended');
    expect(describeRunWindow({ categories: ['cs.LG'], prefix: 'arXiv', since: '2016-10-20', set: 'cs' })).toBe('cs.LG since 2016-10-20 (arXiv format)');
    expect(describeRunWindow({ query: 'all:diffusion', max: 100 })).toBe('query "all:diffusion", at most 100');
    expect(describeRunWindow({ ids: ['2501.1', '2501.2', '2501.3', '2501.4'] })).toBe('ids 2501.1, 2501.2, 2501.3 and 1 more');
    expect(describeRunWindow({})).toBe('—');
  });
});
