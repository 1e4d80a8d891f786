// `paperboy user role EMAIL|@handle ROLE`, as the README and --help describe it: the account is
// named by its address or its @handle, and the last administrator keeps the role (exit 2); and
// `user create`, whose --admin and --moderator exclude each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { createUserDirect } from '../actions/accounts.ts';

const NOW = new Date('2026-08-21T12:00:00Z');

describe('paperboy user role', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('--help says the account may be an address or an @handle', async () => {
    const help = await runCli(['user', 'role', '--help'], t.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: paperboy user role [options] <account> <role>');
    expect(help.stdout).toMatch(/account\s+the account: its email address or @handle/);
  });

  it('changes a role by @handle and by address, and keeps the last administrator', async () => {
    const ada = await createUserDirect(t.db, { email: 'ada.role@example.org', password: 'a long enough password', name: 'Ada Role', role: 'admin' }, NOW);
    const bob = await createUserDirect(t.db, { email: 'bob.role@example.org', password: 'a long enough password', name: 'Bob Role', role: 'user' }, NOW);

    const byHandle = await runCli(['user', 'role', `@${bob.handle}`, 'moderator'], t.env);
    expect(byHandle).toMatchObject({ code: 0, stdout: 'bob.role@example.org is now moderator (was user).\n' });
    const byAddress = await runCli(['user', 'role', 'Bob.Role@example.org', 'user'], t.env);
    expect(byAddress).toMatchObject({ code: 0, stdout: 'bob.role@example.org is now user (was moderator).\n' });

    const last = await runCli(['user', 'role', `@${ada.handle}`, 'user'], t.env);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('only administrator');
  });
});

describe('paperboy user create', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('refuses --admin with --moderator as a usage mistake (exit 2), creating nobody', async () => {
    const both = await runCli(['user', 'create', '--admin', '--moderator', 'c@example.org'], t.env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--admin' cannot be used with option '--moderator'");
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'c@example.org').executeTakeFirst()).toBeUndefined();
    const moderator = await runCli(['user', 'create', '--moderator', 'c@example.org'], t.env);
    expect(moderator).toMatchObject({ code: 0 });
    expect(moderator.stdout).toMatch(/^Created moderator c@example\.org/);
  });
});
