// `paperboy user delete EMAIL|@handle [--yes]`, run as an administrator runs it, on both dialects:
// without --yes and without a terminal it deletes nothing (exit 2); with it, the account goes as
// from the settings page (votes taken back with exact counts) and the audit log names the command
// line; an unknown account and the last administrator are refused (exit 2), nothing done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createUserDirect } from '../actions/accounts.ts';
import { setVote } from '../db/votes.ts';

const NOW = new Date('2026-08-21T12:00:00Z');

describe.each(DIALECTS)('paperboy user delete (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, [paperInput({ id: '2608.20001', feedDate: '2026-08-21', upvotes: 10 })]);
  });
  afterAll(async () => t.drop());

  const user = (email: string, name: string, role: 'user' | 'admin' = 'user') => createUserDirect(t.db, { email, password: 'a long enough password', name, role }, NOW);
  const deletedAt = async (id: string) => (await t.db.selectFrom('users').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow()).deleted_at;

  it('asks for --yes away from a terminal, then deletes the account as its owner would, recorded as the command line', async () => {
    const ada = await user('ada.cli@example.org', 'Ada Cli');
    const bob = await user('bob.cli@example.org', 'Bob Cli');
    for (const u of [ada, bob]) await t.db.transaction().execute((trx) => setVote(trx, u.id, '2608.20001', true, NOW));

    const asked = await runCli(['user', 'delete', `@${ada.handle}`], t.env);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('add --yes');
    expect(await deletedAt(ada.id)).toBeNull();

    const done = await runCli(['user', 'delete', 'Ada.Cli@example.org', '--yes'], t.env);
    expect(done.stderr).toBe('');
    expect(done).toMatchObject({ code: 0, stdout: `Deleted the account @${ada.handle} (ada.cli@example.org); the handle stays reserved.\n` });
    expect(await deletedAt(ada.id)).not.toBeNull();
    const paper = await t.db.selectFrom('papers').select('upvotes').where('id', '=', '2608.20001').executeTakeFirstOrThrow();
    expect(paper.upvotes).toBe(11);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id']).execute();
    expect(audit).toEqual([{ action: 'delete_user', actor_id: null, target_id: ada.handle }]);

    // Gone: neither its address nor its handle names an account any more.
    for (const who of ['ada.cli@example.org', `@${ada.handle}`]) {
      const again = await runCli(['user', 'delete', who, '--yes'], t.env);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^paperboy: No account (uses the address|has the handle)/);
    }
  });

  it('refuses the last administrator and a missing argument, deleting nothing', async () => {
    const root = await user('root.cli@example.org', 'Root Cli', 'admin');
    const refused = await runCli(['user', 'delete', `@${root.handle}`, '--yes'], t.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`@${root.handle} is the only administrator`);
    expect(await deletedAt(root.id)).toBeNull();
    expect((await runCli(['user', 'delete'], t.env)).code).toBe(2);
  });
});
