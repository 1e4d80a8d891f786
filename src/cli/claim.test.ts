// `paperboy claim`, as the README describes it: how a lone administrator gets their own claim
// decided (the site refuses it), listing, approving and revoking from the shell, audited with no actor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createUserDirect } from '../actions/accounts.ts';
import { claimAuthorship } from '../actions/claims.ts';

const NOW = new Date('2026-08-21T12:00:00Z');

describe('paperboy claim', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.drop());

  it('lists, approves and revokes a lone administrator\'s own claim, audited as the command line', async () => {
    expect(await runCli(['claim', 'list'], t.env)).toMatchObject({ code: 0, stdout: '', stderr: 'No pending claims.\n' });
    expect(await runCli(['claim', 'list', '--approved'], t.env)).toMatchObject({ code: 0, stdout: '', stderr: 'No approved claims.\n' });
    await storePapers(t.db, [paperInput({ id: '2501.50001', authors: ['Ann Alone'] })]);
    const ann = await createUserDirect(t.db, { email: 'ann.alone@example.org', password: 'a long enough password', name: 'Ann Alone', role: 'admin' }, NOW);
    const claim = await claimAuthorship(t.db, ann, { paperId: '2501.50001', authorName: 'Ann Alone' }, NOW);

    const list = await runCli(['claim', 'list'], t.env);
    expect(list).toMatchObject({ code: 0, stdout: `${claim.id}\t@${ann.handle}\tAnn Alone\t2501.50001\n`, stderr: '' });
    expect(await runCli(['claim', 'approve', claim.id], t.env)).toMatchObject({ code: 0, stdout: 'The claim to be Ann Alone on 2501.50001 is approved.\n' });
    expect((await runCli(['claim', 'list', '--approved'], t.env)).stdout).toContain(claim.id);
    expect(await runCli(['claim', 'revoke', claim.id], t.env)).toMatchObject({ code: 0, stdout: 'The claim to be Ann Alone on 2501.50001 is revoked.\n' });
    const again = await runCli(['claim', 'revoke', claim.id], t.env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('This claim was already revoked.');
    // Someone else's claim, decided from the shell: the claimant hears of it as from the site
    // (without SMTP_URL the mail is printed to the log).
    const bo = await createUserDirect(t.db, { email: 'bo.other@example.org', password: 'a long enough password', name: 'Bo Other', role: 'user' }, NOW);
    const hers = await claimAuthorship(t.db, bo, { paperId: '2501.50001', authorName: 'Ann Alone' }, NOW);
    const rejected = await runCli(['claim', 'reject', hers.id], t.env);
    expect(rejected).toMatchObject({ code: 0, stdout: 'The claim to be Ann Alone on 2501.50001 is rejected.\n' });
    expect(rejected.stderr).toContain('bo.other@example.org');
    expect(rejected.stderr).toMatch(/not approved|rejected|declined/i);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', claim.id).orderBy('created_at').execute();
    expect(audit).toEqual([
      { action: 'claim.approve', actor_id: null },
      { action: 'claim.revoke', actor_id: null },
    ]);
    expect(await t.db.selectFrom('audit_log').select('action').where('target_id', '=', hers.id).execute()).toEqual([{ action: 'claim.reject' }]);
  });
});
