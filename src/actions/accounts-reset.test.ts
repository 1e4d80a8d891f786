// Password reset spends its costly hash only on a live link: posting made-up tokens costs the
// server a look-up, not an argon2id hash each.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { checkPassword, hashPassword } from '../security/passwords.ts';
import { createUserDirect, requestPasswordReset, resetPassword } from './accounts.ts';

vi.mock('../security/passwords.ts', async (original) => {
  const real = await original<typeof import('../security/passwords.ts')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

describe.each(DIALECTS)('password reset cost (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  it('refuses an unknown or used token without hashing the new password, and hashes once for a live one', async () => {
    const now = new Date('2026-08-21T10:00:00Z');
    const user = await createUserDirect(database.db, { email: 'reset@example.org', password: 'the first password', name: 'Reset Me', role: 'user' }, now);
    const mails: { text: string }[] = [];
    await requestPasswordReset(database.db, { send: (m) => void mails.push(m) }, { email: 'reset@example.org', ip: '192.0.2.1', baseUrl: 'http://x' }, now);
    const token = /\/reset\/(\S+)/.exec(mails[0]?.text ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    const hashes = vi.mocked(hashPassword);
    hashes.mockClear();
    await expect(resetPassword(database.db, { token: 'made-up-token', password: 'a new long password' }, now)).rejects.toMatchObject({ code: 'invalid_reset' });
    expect(hashes).not.toHaveBeenCalled();
    await resetPassword(database.db, { token, password: 'a new long password' }, now);
    expect(hashes).toHaveBeenCalledTimes(1);
    await expect(resetPassword(database.db, { token, password: 'yet another password' }, now)).rejects.toMatchObject({ code: 'invalid_reset' });
    expect(hashes).toHaveBeenCalledTimes(1);
    const stored = await database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(await checkPassword('a new long password', stored.password_hash)).toBe(true);
  });
});
