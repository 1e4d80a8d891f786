// Unique violations as each driver reports them, told apart by table and column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { insertUser } from './users.ts';

describe.each(DIALECTS)('isUniqueViolation (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  const user = (email: string, handle: string) => insertUser(t.db, { email, handle, name: 'Ada', passwordHash: 'x', role: 'user', verified: true, now: new Date('2026-01-01T00:00:00Z') });
  const failure = async (write: Promise<unknown>): Promise<unknown> => write.then(() => undefined, (err: unknown) => err);

  it('names the column whose index refused the row', async () => {
    await user('ada@example.org', 'ada');
    const sameEmail = await failure(user('ada@example.org', 'ada-2'));
    expect(isUniqueViolation(sameEmail, 'users', 'email')).toBe(true);
    expect(isUniqueViolation(sameEmail, 'users', 'handle')).toBe(false);
    const sameHandle = await failure(user('other@example.org', 'ada'));
    expect(isUniqueViolation(sameHandle, 'users', 'handle')).toBe(true);
    expect(isUniqueViolation(sameHandle, 'users', 'email')).toBe(false);
    expect(isUniqueViolation(sameHandle, 'sessions', 'handle')).toBe(false);
  });

  it('is false for other errors and for success', async () => {
    expect(isUniqueViolation(await failure(user('b@example.org', 'b')), 'users', 'email')).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed: users.email'), 'users', 'email')).toBe(false);
    expect(isUniqueViolation(undefined, 'users', 'email')).toBe(false);
  });
});
