// Times written in UTC for readers whose zone is not known: minutes, or seconds when asked.
import { describe, expect, it } from 'vitest';
import { utcTime } from './utc-time.ts';

describe('utcTime', () => {
  it('writes a Date or an ISO timestamp as YYYY-MM-DD HH:MM UTC, in UTC whatever the offset given', () => {
    expect(utcTime(new Date('2026-08-21T07:05:09.123Z'))).toBe('2026-08-21 07:05 UTC');
    expect(utcTime('2026-08-21T07:05:09.123Z')).toBe('2026-08-21 07:05 UTC');
    expect(utcTime('2026-08-21T09:05:09+02:00')).toBe('2026-08-21 07:05 UTC');
    expect(utcTime('2026-12-31T23:59:59Z')).toBe('2026-12-31 23:59 UTC');
  });

  it('adds the seconds when asked', () => {
    expect(utcTime('2026-08-21T07:05:09.987Z', { seconds: true })).toBe('2026-08-21 07:05:09 UTC');
  });
});
