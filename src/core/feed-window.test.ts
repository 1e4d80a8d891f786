// Feed windows: parsing of day / ISO week / month keys, ranges, neighbours and labels.
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { isValidDate, parseWindow, shiftWindow, windowContaining, windowLabel } from './feed-window.ts';

describe('feed windows', () => {
  it('parses a day and refuses impossible dates', () => {
    expect(parseWindow('day', '2025-01-10')).toEqual({ kind: 'day', key: '2025-01-10', from: '2025-01-10', to: '2025-01-10' });
    expect(isValidDate('2025-02-30')).toBe(false);
    expect(() => parseWindow('day', '2025-02-30')).toThrow(AppError);
    expect(() => parseWindow('day', "2025-01-01' OR 1=1")).toThrow(/not a date/);
  });

  it('computes ISO weeks across year boundaries', () => {
    // 2025-01-01 is a Wednesday and belongs to 2025-W01, which starts on Monday 2024-12-30.
    expect(windowContaining('week', '2025-01-01')).toMatchObject({ key: '2025-W01', from: '2024-12-30', to: '2025-01-05' });
    // 2021-01-03 is a Sunday in 2020-W53.
    expect(windowContaining('week', '2021-01-03').key).toBe('2020-W53');
    expect(parseWindow('week', '2025-W02')).toMatchObject({ from: '2025-01-06', to: '2025-01-12' });
    expect(() => parseWindow('week', '2025-W53')).toThrow(/no week 53/);
    expect(() => parseWindow('week', '2025-W00')).toThrow(AppError);
  });

  it('computes months, including leap February', () => {
    expect(parseWindow('month', '2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(() => parseWindow('month', '2024-13')).toThrow(AppError);
  });

  it('shifts windows to their neighbours', () => {
    expect(shiftWindow(parseWindow('month', '2025-01'), -1).key).toBe('2024-12');
    expect(shiftWindow(parseWindow('week', '2024-W52'), 1).key).toBe('2025-W01');
    expect(shiftWindow(parseWindow('day', '2024-02-28'), 1).key).toBe('2024-02-29');
  });

  it('labels windows for people', () => {
    expect(windowLabel(parseWindow('day', '2025-01-10'))).toBe('Jan 10, 2025');
    expect(windowLabel(parseWindow('week', '2025-W02'))).toBe('Week 2 of 2025 (Jan 6 – Jan 12)');
    expect(windowLabel(parseWindow('month', '2025-01'))).toBe('January 2025');
  });
});
