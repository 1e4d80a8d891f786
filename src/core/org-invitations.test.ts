// The wait after a declined invitation: 30 days to the millisecond, then none.
import { describe, expect, it } from 'vitest';
import { reinviteWait } from './org-invitations.ts';

describe('reinviteWait', () => {
  it('holds off a new invitation for 30 days after a decline', () => {
    const declined = '2026-08-01T10:00:00.000Z';
    expect(reinviteWait(declined, new Date('2026-08-01T10:00:01Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
    expect(reinviteWait(declined, new Date('2026-08-31T09:59:59Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
    expect(reinviteWait(declined, new Date('2026-08-31T10:00:00Z'))).toBeUndefined();
    expect(reinviteWait(declined, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
  });
});
