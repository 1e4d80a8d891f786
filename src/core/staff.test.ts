// Staff are moderators and administrators in good standing.
import { describe, expect, it } from 'vitest';
import { isStaff } from './staff.ts';

describe('isStaff', () => {
  it('holds for moderators and administrators, not for users, banned accounts or nobody', () => {
    expect(isStaff({ role: 'moderator' })).toBe(true);
    expect(isStaff({ role: 'admin', banned: false })).toBe(true);
    expect(isStaff({ role: 'user' })).toBe(false);
    expect(isStaff({ role: 'moderator', banned: true })).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});
