// At most `max` in any window: the next is allowed when the max-th newest leaves the window.
import { describe, expect, it } from 'vitest';
import { nextAllowedAt } from './sliding-window.ts';

describe('nextAllowedAt', () => {
  const limit = { max: 2, windowMs: 3_600_000 };
  const now = new Date('2026-08-01T12:00:00Z');

  it('allows while fewer than max fall in the window, older ones not counted', () => {
    expect(nextAllowedAt([], now, limit)).toBeUndefined();
    expect(nextAllowedAt(['2026-08-01T11:30:00Z', '2026-08-01T11:00:00Z', '2026-08-01T10:00:00Z'], now, limit)).toBeUndefined();
  });

  it('waits for the max-th newest to leave the window', () => {
    expect(nextAllowedAt(['2026-08-01T11:10:00Z', '2026-08-01T11:50:00Z', '2026-08-01T11:30:00Z'], now, limit)).toEqual(new Date('2026-08-01T12:30:00Z'));
  });
});
