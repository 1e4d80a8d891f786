// The wait after a declined invitation: 30 days to the millisecond, then none; and the wait once an
// organization has invited one account 5 times within 30 days.
import { describe, expect, it } from 'vitest';
import { inviteAgainFrom, reinviteWait } from './org-invitations.ts';

describe('reinviteWait', () => {
  it('holds off a new invitation for 30 days after a decline', () => {
    const declined = '2026-08-01T10:00:00.000Z';
    expect(reinviteWait(declined, new Date('2026-08-01T10:00:01Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
    expect(reinviteWait(declined, new Date('2026-08-31T09:59:59Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
    expect(reinviteWait(declined, new Date('2026-08-31T10:00:00Z'))).toBeUndefined();
    expect(reinviteWait(declined, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('inviteAgainFrom', () => {
  it('allows a sixth invitation once the fifth newest is 30 days old', () => {
    const sent = ['2026-08-05T10:00:00.000Z', '2026-08-01T10:00:00.000Z', '2026-08-10T00:00:00.000Z', '2026-08-02T00:00:00.000Z', '2026-08-03T00:00:00.000Z'];
    expect(inviteAgainFrom(sent.slice(1), new Date('2026-08-11T00:00:00Z'))).toBeUndefined();
    expect(inviteAgainFrom(sent, new Date('2026-08-11T00:00:00Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
    expect(inviteAgainFrom(sent, new Date('2026-08-31T10:00:00Z'))).toBeUndefined();
    // Six in the window: the fifth newest decides.
    expect(inviteAgainFrom([...sent, '2026-07-30T00:00:00.000Z'], new Date('2026-08-11T00:00:00Z'))).toEqual(new Date('2026-08-31T10:00:00Z'));
  });
});
