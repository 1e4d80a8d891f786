// Banned accounts and invitations over both dialects: a banned account's waiting invitation is no
// longer listed (on the organization's page, in the API) nor counted, it cannot be accepted, and a
// banned account is not invited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { invitationCast, invitationOnPage, invite } from '../../../test/org-invitations.ts';
import type { Person } from '../../../test/signed-in.ts';
import { acceptOrgInvitation } from '../../actions/org-invitations.ts';

describe.each(DIALECTS)('invitations of banned accounts (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ada: Person;
  let bob: Person;
  const ban = (p: Person) => t.database.db.updateTable('users').set({ banned: 1 }).where('id', '=', p.user.id).execute();
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, ada, bob } = await invitationCast(t, ['lab']));
  });
  afterAll(async () => t.close());

  it('stops listing a banned account invitation, and refuses its acceptance', async () => {
    expect((await invite(admin, 'lab', ada)).status).toBe(303);
    const id = await invitationOnPage(ada, 'lab');
    expect(await (await admin.b.get('/orgs/lab')).text()).toContain(`/users/${ada.user.handle}`);
    await ban(ada);
    expect(await (await admin.b.get('/orgs/lab')).text()).not.toContain(`/users/${ada.user.handle}`);
    expect(await (await admin.api('GET', '/api/orgs/lab/invitations')).json()).toEqual([]);
    await expect(acceptOrgInvitation(t.database.db, { ...ada.user, banned: true }, 'lab', id as string, TEST_NOW)).rejects.toMatchObject({ status: 403, code: 'account_banned' });
    const members = await t.database.db.selectFrom('org_members').select('user_id').where('org_handle', '=', 'lab').execute();
    expect(members).toEqual([]);
  });

  it('does not invite a banned account', async () => {
    await ban(bob);
    const res = await admin.api('POST', '/api/orgs/lab/invitations', { handle: bob.user.handle });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('account_banned');
  });
});
