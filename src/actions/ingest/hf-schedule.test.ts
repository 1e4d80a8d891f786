// The days a scheduled Hugging Face run reads: from the last day stored (at least yesterday) to
// today, at most 14 days back, and the past week on the first run of each UTC day.
import { describe, expect, it } from 'vitest';
import { datesBetween } from './hf.ts';
import { scheduledDays } from './hf-schedule.ts';

describe('scheduledDays', () => {
  it('a first run re-reads the past week', () => {
    expect(scheduledDays(undefined, '2026-08-21')).toEqual({ days: datesBetween('2026-08-15', '2026-08-21'), refresh: true });
  });

  it('later runs of the day read yesterday and today', () => {
    expect(scheduledDays({ reached: '2026-08-21', refreshed: '2026-08-21' }, '2026-08-21')).toEqual({ days: ['2026-08-20', '2026-08-21'], refresh: false });
  });

  it('the first run of a new day re-reads the past week again', () => {
    expect(scheduledDays({ reached: '2026-08-21', refreshed: '2026-08-21' }, '2026-08-22')).toEqual({ days: datesBetween('2026-08-16', '2026-08-22'), refresh: true });
  });

  it('after a pause, reads every day since the last one stored, at most 14 days back', () => {
    expect(scheduledDays({ reached: '2026-08-10', refreshed: '2026-08-21' }, '2026-08-21').days).toEqual(datesBetween('2026-08-10', '2026-08-21'));
    expect(scheduledDays({ reached: '2026-08-01', refreshed: '2026-08-01' }, '2026-08-30').days).toEqual(datesBetween('2026-08-16', '2026-08-30'));
  });
});
