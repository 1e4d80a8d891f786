// Invitations to organizations over both dialects: an invited account is not a member until it
// accepts; its owner sees the invitation on the organization's page and in the settings; only
// the organization's admins (and site admins) invite and withdraw; nobody answers another's
// invitation or a withdrawn one; a decline holds off the next invitation for 30 days; an
// organization has at most 20 waiting, and invites one account at most 5 times in 30 days
// (withdrawn invitations count); every step is audited and needs the CSRF value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { answer, invitationCast, invitationOnPage, invite, join, orgMembers } from '../../../test/org-invitations.ts';
import type { Person } from '../../../test/signed-in.ts';
import { deleteAccountAsAdmin } from '../../actions/delete-account.ts';
import { INVITES_WINDOW_DAYS, MAX_INVITES_PER_ACCOUNT, MAX_PENDING_INVITATIONS } from '../../core/org-invitations.ts';
import { insertUser } from '../../db/users.ts';

describe.each(DIALECTS)('invitations to organizations (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ada: Person;
  let bob: Person;
  let carol: Person;
  const members = (org: string) => orgMembers(t, org);
  const audit = async (org: string) =>
    (await t.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'detail']).where('target_id', '=', org).where('action', '!=', 'create_org').execute()).map(
      (r) => ({ ...r }),
    );
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, ada, bob, carol } = await invitationCast(t, ['lab', 'quiet', 'busy']));
  });
  afterAll(async () => t.close());

  it('lists an invited account as invited, not as a member, until it accepts', async () => {
    expect((await invite(admin, 'lab', ada, 'admin')).status).toBe(303);
    expect(await members('lab')).toEqual([]);
    const id = await invitationOnPage(ada, 'lab');
    expect(id).toBeDefined();
    // The organization's page: the admin sees the invitation with Withdraw; nobody else sees it.
    const admins = await (await admin.b.get('/orgs/lab')).text();
    expect(admins).toContain('Invited, waiting for an answer');
    expect(admins).toContain(`<a href="/users/${ada.user.handle}">Ada</a><span class="muted"> (as admin)</span>`);
    expect(admins).toContain(`action="/orgs/lab/invitations/${id}/withdraw"`);
    expect(admins).not.toContain('/accept"');
    for (const html of [await (await bob.b.get('/orgs/lab')).text(), await (await t.app.request('/orgs/lab')).text()]) {
      expect(html).toContain('No members yet.');
      expect(html).not.toContain(ada.user.handle);
      expect(html).not.toContain('/invitations/');
    }
    const api = (await (await t.app.request('/api/orgs/lab')).json()) as { members: unknown[] };
    expect(api.members).toEqual([]);
    // The invited user: on the organization's page, and in the settings.
    const adas = await (await ada.b.get('/orgs/lab')).text();
    expect(adas).toContain('You are invited to join The lab &lt;b&gt; as an admin (who may invite members)');
    expect(adas).toContain(`action="/orgs/lab/invitations/${id}/decline"`);
    const settings = await (await ada.b.get('/settings')).text();
    expect(settings).toContain('Invitations to organizations');
    expect(settings).toContain('<a href="/orgs/lab">The lab &lt;b&gt;</a>');
    expect(settings).toContain(`action="/orgs/lab/invitations/${id}/accept"`);
    expect(await (await bob.b.get('/settings')).text()).not.toContain('Invitations to organizations');
  });

  it('makes the account a member, with the role invited as, when it accepts (back where it answered)', async () => {
    const id = (await invitationOnPage(ada, 'lab')) as string;
    await ada.b.get('/settings');
    const res = await ada.b.post(`/orgs/lab/invitations/${id}/accept`, { _back: '/settings' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings');
    expect(await members('lab')).toEqual([`${ada.user.handle}:admin`]);
    expect(await (await ada.b.get('/settings')).text()).not.toContain('Invitations to organizations');
    const page = await (await t.app.request('/orgs/lab')).text();
    expect(page).toContain(`<a href="/users/${ada.user.handle}">Ada</a><span class="muted"> (admin)</span>`);
    expect((await answer(ada, 'lab', id, 'accept')).status).toBe(404);
  });

  it('lets only site admins and the organization\'s admins invite and withdraw', async () => {
    await bob.b.get('/orgs/lab');
    expect((await bob.b.post('/orgs/lab/invitations', { member: `@${carol.user.handle}` })).status).toBe(403);
    // The form's old address invites too, under the same rule.
    expect((await bob.b.post('/orgs/lab/members', { member: `@${carol.user.handle}` })).status).toBe(403);
    expect(await t.database.db.selectFrom('org_invitations').selectAll().execute()).toEqual([]);
    // Ada, an admin of the organization now, invites by handle (not by address) and may withdraw.
    const byAddress = await invite(ada, 'lab', bob.email);
    expect(byAddress.status).toBe(400);
    // An address nobody has gets the same answer: the form tells an organization's admins nothing of who has an account.
    const unknown = await invite(ada, 'lab', 'nobody.here@example.org');
    const alert = (html: string): string | undefined => /<p class="notice error" role="alert"[^>]*>[^<]*<\/p>/.exec(html)?.[0];
    const refusal = alert(await byAddress.text());
    expect(refusal).toContain('Invite people by their @handle');
    expect([unknown.status, alert(await unknown.text())]).toEqual([400, refusal]);
    expect((await invite(ada, 'lab', bob)).status).toBe(303);
    const id = (await invitationOnPage(bob, 'lab')) as string;
    await carol.b.get('/orgs/lab');
    expect((await carol.b.post(`/orgs/lab/invitations/${id}/withdraw`)).status).toBe(403);
    // Bob cannot withdraw his own invitation either: he declines it.
    expect((await bob.b.post(`/orgs/lab/invitations/${id}/withdraw`)).status).toBe(403);
    await ada.b.get('/orgs/lab');
    expect((await ada.b.post(`/orgs/lab/invitations/${id}/withdraw`)).status).toBe(303);
    expect(await invitationOnPage(bob, 'lab')).toBeUndefined();
  });

  it("refuses to answer another account's invitation, a withdrawn one, or one of another organization", async () => {
    expect((await invite(admin, 'lab', carol)).status).toBe(303);
    const id = (await invitationOnPage(carol, 'lab')) as string;
    for (const step of ['accept', 'decline'] as const) expect((await answer(bob, 'lab', id, step)).status).toBe(404);
    expect((await answer(carol, 'quiet', id, 'accept')).status).toBe(404);
    expect(await invitationOnPage(carol, 'lab')).toBe(id);
    await admin.b.get('/orgs/lab');
    expect((await admin.b.post(`/orgs/lab/invitations/${id}/withdraw`)).status).toBe(303);
    expect((await admin.b.post(`/orgs/lab/invitations/${id}/withdraw`)).status).toBe(404);
    const late = await carol.b.post(`/orgs/lab/invitations/${id}/accept`);
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('This invitation is no longer open');
    expect(await members('lab')).toEqual([`${ada.user.handle}:admin`]);
  });

  it('needs the CSRF value for every step', async () => {
    expect((await invite(admin, 'quiet', bob)).status).toBe(303);
    const id = (await invitationOnPage(bob, 'quiet')) as string;
    expect((await admin.b.post('/orgs/quiet/invitations', { member: `@${carol.user.handle}`, _csrf: 'forged' })).status).toBe(403);
    expect((await admin.b.post(`/orgs/quiet/invitations/${id}/withdraw`, { _csrf: '' })).status).toBe(403);
    for (const step of ['accept', 'decline']) expect((await bob.b.post(`/orgs/quiet/invitations/${id}/${step}`, { _csrf: 'forged' })).status).toBe(403);
    expect(await invitationOnPage(bob, 'quiet')).toBe(id);
  });

  it('forgets a declined invitation, and invites again only 30 days after the decline', async () => {
    const id = (await invitationOnPage(bob, 'quiet')) as string;
    const res = await answer(bob, 'quiet', id, 'decline');
    expect(res.headers.get('location')).toBe('/orgs/quiet');
    expect(await invitationOnPage(bob, 'quiet')).toBeUndefined();
    expect(await (await admin.b.get('/orgs/quiet')).text()).not.toContain('Invited, waiting');
    expect(await members('quiet')).toEqual([]);
    const early = await invite(admin, 'quiet', bob);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain(`@${bob.user.handle} declined an invitation to The quiet &lt;b&gt; on 2026-08-21; they can be invited again from 2026-09-20.`);
    // 30 days on (the decline moved back in time), a new invitation with a new id.
    const monthAgo = new Date(TEST_NOW.getTime() - 30 * 86_400_000).toISOString();
    await t.database.db.updateTable('org_invitations').set({ declined_at: monthAgo }).where('id', '=', id).execute();
    expect((await invite(admin, 'quiet', bob, 'admin')).status).toBe(303);
    const again = (await invitationOnPage(bob, 'quiet')) as string;
    expect(again).not.toBe(id);
    expect((await answer(bob, 'quiet', id, 'accept')).status).toBe(404);
    expect((await answer(bob, 'quiet', again, 'accept')).status).toBe(303);
    expect(await members('quiet')).toEqual([`${bob.user.handle}:admin`]);
  });

  it('refuses a second invitation to the same account; a member\'s role changes at once', async () => {
    expect((await invite(admin, 'quiet', carol)).status).toBe(303);
    const twice = await invite(admin, 'quiet', carol, 'admin');
    expect(twice.status).toBe(409);
    const again = await twice.text();
    expect(again).toContain(`<p class="notice error" role="alert" id="member-error">@${carol.user.handle} is invited already; the invitation waits for their answer.</p>`);
    expect(again).toMatch(new RegExp(`<input id="member-name"[^>]*value="@${carol.user.handle}" aria-invalid="true"`));
    const same = await invite(admin, 'quiet', bob, 'admin');
    expect(same.status).toBe(409);
    expect(await same.text()).toContain('is already an admin of The quiet');
    expect((await invite(admin, 'quiet', bob, 'member')).status).toBe(303);
    expect(await members('quiet')).toEqual([`${bob.user.handle}:member`]);
  });

  it(`keeps at most ${MAX_PENDING_INVITATIONS} invitations of an organization waiting`, async () => {
    for (let i = 0; i < MAX_PENDING_INVITATIONS; i++) {
      const u = await insertUser(t.database.db, { email: `crowd${i}@example.org`, handle: `crowd-${i}`, name: `Crowd ${i}`, passwordHash: 'x', role: 'user', verified: true, now: TEST_NOW });
      expect((await invite(admin, 'busy', `@${u.handle}`)).status).toBe(303);
    }
    const over = await invite(admin, 'busy', carol);
    expect(over.status).toBe(409);
    expect(await over.text()).toContain(`has ${MAX_PENDING_INVITATIONS} invitations waiting for an answer`);
    // Other organizations are not held back.
    await join(admin, 'lab', bob);
    expect(await members('lab')).toContain(`${bob.user.handle}:member`);
  });

  it('drops the invitations of a deleted account from the waiting list and its count', async () => {
    const busy = async () => (await (await admin.b.get('/orgs/busy')).text()).match(/\/withdraw"/g)?.length ?? 0;
    expect(await busy()).toBe(MAX_PENDING_INVITATIONS);
    await deleteAccountAsAdmin(t.database.db, 'cli', '@crowd-0', TEST_NOW);
    expect(await busy()).toBe(MAX_PENDING_INVITATIONS - 1);
    expect((await invite(admin, 'busy', carol)).status).toBe(303);
    expect(await invitationOnPage(carol, 'busy')).toBeDefined();
  });

  it(`invites one account at most ${MAX_INVITES_PER_ACCOUNT} times in ${INVITES_WINDOW_DAYS} days, withdrawn invitations included`, async () => {
    await admin.b.get('/orgs');
    for (const [handle, name] of [['churn', 'Churn Lab'], ['calm', 'Calm Lab']] as const) expect((await admin.b.post('/orgs', { handle, name })).status).toBe(303);
    const inviteAndWithdraw = async (role: 'member' | 'admin') => {
      expect((await invite(admin, 'churn', carol, role)).status).toBe(303);
      const id = (await invitationOnPage(carol, 'churn')) as string;
      await admin.b.get('/orgs/churn');
      expect((await admin.b.post(`/orgs/churn/invitations/${id}/withdraw`)).status).toBe(303);
    };
    for (let i = 0; i < MAX_INVITES_PER_ACCOUNT; i++) await inviteAndWithdraw(i % 2 === 0 ? 'member' : 'admin');
    const over = await invite(admin, 'churn', carol);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe(String(INVITES_WINDOW_DAYS * 86_400));
    const page = await over.text();
    expect(page).toContain(`Churn Lab has invited @${carol.user.handle} ${MAX_INVITES_PER_ACCOUNT} times in ${INVITES_WINDOW_DAYS} days, withdrawn invitations included; they can be invited again from 2026-09-20.`);
    expect(page).toContain(`/users/${admin.user.handle}`);
    expect(await invitationOnPage(carol, 'churn')).toBeUndefined();
    // Another account is not held back, nor is the same account by another organization.
    expect((await invite(admin, 'churn', bob)).status).toBe(303);
    expect((await invite(admin, 'calm', carol)).status).toBe(303);
    // Once the first of the five is 30 days old, one more.
    const sent = await t.database.db.selectFrom('audit_log').select('id').where('target_id', '=', 'churn').where('detail', 'like', `@${carol.user.handle} as %`).execute();
    expect(sent).toHaveLength(MAX_INVITES_PER_ACCOUNT);
    const monthAgo = new Date(TEST_NOW.getTime() - INVITES_WINDOW_DAYS * 86_400_000).toISOString();
    await t.database.db.updateTable('audit_log').set({ created_at: monthAgo }).where('id', '=', sent[0]?.id ?? '').execute();
    await inviteAndWithdraw('member');
    expect((await invite(admin, 'churn', carol)).status).toBe(429);
  });

  it('records invitations, answers and withdrawals in the audit log, shown on /moderation', async () => {
    // Every entry has the test's clock time, so they are compared as sets.
    const lab = await audit('lab');
    expect(lab).toHaveLength(8);
    expect(lab).toEqual(expect.arrayContaining([
      { actor_id: admin.user.id, action: 'invite_org_member', detail: `@${ada.user.handle} as admin` },
      { actor_id: ada.user.id, action: 'accept_org_invite', detail: `@${ada.user.handle} as admin` },
      { actor_id: ada.user.id, action: 'invite_org_member', detail: `@${bob.user.handle} as member` },
      { actor_id: ada.user.id, action: 'withdraw_org_invite', detail: `@${bob.user.handle}` },
      { actor_id: admin.user.id, action: 'invite_org_member', detail: `@${carol.user.handle} as member` },
      { actor_id: admin.user.id, action: 'withdraw_org_invite', detail: `@${carol.user.handle}` },
      { actor_id: admin.user.id, action: 'invite_org_member', detail: `@${bob.user.handle} as member` },
      { actor_id: bob.user.id, action: 'accept_org_invite', detail: `@${bob.user.handle} as member` },
    ]));
    expect((await audit('quiet')).map((r) => r.action).sort()).toEqual(['accept_org_invite', 'change_org_role', 'decline_org_invite', 'invite_org_member', 'invite_org_member', 'invite_org_member']);
    const html = await (await admin.b.get('/moderation')).text();
    for (const label of ['invited a member to', 'accepted the invitation to', 'declined the invitation to', 'withdrew an invitation to', "changed a member&#39;s role in"]) expect(html).toContain(label);
  });
});
