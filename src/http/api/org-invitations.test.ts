// Invitations to organizations in the JSON API on both dialects: inviting (by handle; by address
// for site admins) answers 201 with the invitation, listed to the organization's admins and to
// the invited account; only the invited account accepts or declines, only those who may invite
// withdraw or list; the page's limits (20 waiting, 30 days after a decline, 5 in 30 days) hold;
// a token or a session with its CSRF header; odd input is a 400 that says what is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { invitationCast, orgMembers } from '../../../test/org-invitations.ts';
import type { Person } from '../../../test/signed-in.ts';
import { INVITES_WINDOW_DAYS, MAX_INVITES_PER_ACCOUNT, MAX_PENDING_INVITATIONS } from '../../core/org-invitations.ts';
import { insertUser } from '../../db/users.ts';

interface ApiInvitation {
  id: string;
  org: { handle: string; name: string };
  user: { handle: string; name: string };
  role: string;
  invitedBy: string | null;
  createdAt: string;
}
interface ApiError {
  error: { code: string; message: string };
}

describe.each(DIALECTS)('invitations API (%s)', (dialect) => {
  let t: TestApp;
  // A site admin and three users; the organizations lab, quiet, busy and churn.
  let admin: Person, ada: Person, bob: Person, carol: Person;
  const members = (org: string) => orgMembers(t, org);
  const invite = (by: Person, org: string, body: unknown) => by.api('POST', `/api/orgs/${org}/invitations`, body);
  const invited = async (by: Person, org: string, who: Person, role = 'member') => {
    const res = await invite(by, org, { handle: who.user.handle, role });
    expect(res.status).toBe(201);
    return (await res.json()) as ApiInvitation;
  };
  const step = (who: Person, org: string, id: string, what: 'accept' | 'decline' | 'withdraw') => who.api('POST', `/api/orgs/${org}/invitations/${id}/${what}`);
  const error = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    return ((await res.json()) as ApiError).error;
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, ada, bob, carol } = await invitationCast(t, ['lab', 'quiet', 'busy', 'churn']));
  });
  afterAll(async () => t.close());

  it('invites by token (201), listed to the organization\'s admins and to the invited account', async () => {
    const res = await invite(admin, 'lab', { handle: `@${ada.user.handle}`, role: 'admin' });
    expect(res.status).toBe(201);
    const invitation = (await res.json()) as ApiInvitation;
    expect(invitation).toEqual({
      id: expect.any(String) as string,
      org: { handle: 'lab', name: 'The lab <b>' },
      user: { handle: ada.user.handle, name: 'Ada' },
      role: 'admin',
      invitedBy: admin.user.handle,
      createdAt: TEST_NOW.toISOString(),
    });
    expect(await members('lab')).toEqual([]);
    expect(await (await ada.api('GET', '/api/account/invitations')).json()).toEqual([invitation]);
    expect(await (await admin.api('GET', '/api/orgs/lab/invitations')).json()).toEqual([invitation]);
    expect(await (await bob.api('GET', '/api/account/invitations')).json()).toEqual([]);
    expect((await error(await bob.api('GET', '/api/orgs/lab/invitations'), 403)).message).toBe('Only administrators of this organization can see its invitations.');
    expect((await error(await t.app.request('/api/orgs/lab/invitations'), 401)).code).toBeTruthy();
    expect((await error(await t.app.request('/api/account/invitations'), 401)).code).toBeTruthy();
    expect((await error(await admin.api('GET', '/api/orgs/nowhere/invitations'), 404)).message).toBe('There is no organization @nowhere.');
  });

  it('accepts one\'s own invitation: a member with the role invited as; answering again is a 404', async () => {
    const [invitation] = (await (await ada.api('GET', '/api/account/invitations')).json()) as ApiInvitation[];
    const id = invitation?.id as string;
    const res = await step(ada, 'lab', id, 'accept');
    expect(res.status).toBe(200);
    // The organization and the account as the invitation showed them.
    expect(await res.json()).toEqual({ id, org: invitation?.org, user: invitation?.user, role: 'admin', status: 'accepted' });
    expect(invitation?.user).toEqual({ handle: ada.user.handle, name: ada.user.name });
    expect(await members('lab')).toEqual([`${ada.user.handle}:admin`]);
    expect(await (await ada.api('GET', '/api/account/invitations')).json()).toEqual([]);
    // An admin of the organization now, she sees its (empty) list.
    expect(await (await ada.api('GET', '/api/orgs/lab/invitations')).json()).toEqual([]);
    for (const what of ['accept', 'decline'] as const) expect((await error(await step(ada, 'lab', id, what), 404)).message).toContain('This invitation is no longer open');
  });

  it('lets only site admins and the organization\'s admins invite, list and withdraw; only the invited account answers', async () => {
    expect((await error(await invite(bob, 'lab', { handle: carol.user.handle }), 403)).message).toBe('Only administrators of this organization can invite members.');
    // An organization's admin names people by handle only, whether or not the address has an account.
    const byAddress = await error(await invite(ada, 'lab', { email: bob.email }), 400);
    expect(byAddress.code).toBe('handle_needed');
    expect(await error(await invite(ada, 'lab', { email: 'nobody.here@example.org' }), 400)).toEqual(byAddress);
    const forBob = await invited(ada, 'lab', bob);
    expect(forBob.invitedBy).toBe(ada.user.handle);
    for (const what of ['accept', 'decline'] as const) expect((await step(carol, 'lab', forBob.id, what)).status).toBe(404);
    expect((await step(bob, 'quiet', forBob.id, 'accept')).status).toBe(404);
    expect((await error(await step(carol, 'lab', forBob.id, 'withdraw'), 403)).code).toBe('forbidden');
    expect((await step(bob, 'lab', forBob.id, 'withdraw')).status).toBe(403);
    const withdrawn = await step(ada, 'lab', forBob.id, 'withdraw');
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({ id: forBob.id, org: forBob.org, user: forBob.user, role: 'member', status: 'withdrawn' });
    expect((await step(ada, 'lab', forBob.id, 'withdraw')).status).toBe(404);
    expect((await step(bob, 'lab', forBob.id, 'accept')).status).toBe(404);
    expect(await members('lab')).toEqual([`${ada.user.handle}:admin`]);
    // Site admins may name an address.
    const byEmail = await invite(admin, 'lab', { email: carol.email.toUpperCase() });
    expect(byEmail.status).toBe(201);
    expect(((await byEmail.json()) as ApiInvitation).user.handle).toBe(carol.user.handle);
  });

  it('takes a session only with its CSRF header, and nothing without an account', async () => {
    const noCsrf = await admin.session('POST', '/api/orgs/quiet/invitations', { handle: bob.user.handle }, { csrf: false });
    expect((await error(noCsrf, 403)).code).toBe('csrf');
    const anonymous = await t.app.request('/api/orgs/quiet/invitations', { method: 'POST', body: JSON.stringify({ handle: bob.user.handle }), headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(await (await admin.api('GET', '/api/orgs/quiet/invitations')).json()).toEqual([]);
    const res = await admin.session('POST', '/api/orgs/quiet/invitations', { handle: bob.user.handle });
    expect(res.status).toBe(201);
    const { id, org, user } = (await res.json()) as ApiInvitation;
    expect((await bob.session('POST', `/api/orgs/quiet/invitations/${id}/decline`, undefined, { csrf: false })).status).toBe(403);
    expect((await t.app.request(`/api/orgs/quiet/invitations/${id}/accept`, { method: 'POST' })).status).toBe(401);
    const declined = await bob.session('POST', `/api/orgs/quiet/invitations/${id}/decline`);
    expect(declined.status).toBe(200);
    expect(await declined.json()).toEqual({ id, org, user, role: 'member', status: 'declined' });
    expect(org.handle).toBe('quiet');
    expect(await members('quiet')).toEqual([]);
  });

  it('refuses odd input with a 400 that says what is wrong', async () => {
    const cases: [unknown, string][] = [
      [{}, 'Name the account to invite with "handle" or "email" (one of them).'],
      [{ handle: bob.user.handle, email: bob.email }, 'Name the account to invite with "handle" or "email" (one of them).'],
      [{ handle: 42 }, '"handle" must be a string.'],
      [{ email: 'not-an-address' }, 'Enter a valid email address.'],
      [{ handle: carol.user.handle, role: 'owner' }, 'Choose the role "member" or "admin".'],
      [{ handle: '@' }, 'Enter a @handle or an email address.'],
    ];
    for (const [body, message] of cases) expect(await error(await invite(admin, 'busy', body), 400), JSON.stringify(body)).toMatchObject({ message });
    expect((await error(await invite(admin, 'busy', [carol.user.handle]), 400)).code).toBe('invalid_json');
    expect((await error(await invite(admin, 'busy', { handle: 'nobody-here' }), 404)).message).toBe('There is no account @nobody-here.');
    expect(await (await admin.api('GET', '/api/orgs/busy/invitations')).json()).toEqual([]);
  });

  it('keeps the page\'s rules: one invitation at a time, 30 days after a decline, a member\'s role changes at once', async () => {
    expect((await error(await invite(admin, 'quiet', { handle: bob.user.handle }), 409)).message).toBe(
      `@${bob.user.handle} declined an invitation to The quiet <b> on 2026-08-21; they can be invited again from 2026-09-20.`,
    );
    await invited(admin, 'quiet', carol);
    expect((await error(await invite(admin, 'quiet', { handle: carol.user.handle, role: 'admin' }), 409)).code).toBe('already_invited');
    expect((await error(await invite(admin, 'lab', { handle: ada.user.handle, role: 'admin' }), 409)).code).toBe('already_member');
    const changed = await invite(admin, 'lab', { handle: ada.user.handle, role: 'member' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ status: 'role_changed', member: { handle: ada.user.handle, role: 'member' } });
    expect(await members('lab')).toEqual([`${ada.user.handle}:member`]);
  });

  it(`keeps at most ${MAX_PENDING_INVITATIONS} invitations of an organization waiting`, async () => {
    for (let i = 0; i < MAX_PENDING_INVITATIONS; i++) {
      const u = await insertUser(t.database.db, { email: `crowd${i}@example.org`, handle: `crowd-${i}`, name: `Crowd ${i}`, passwordHash: 'x', role: 'user', verified: true, now: TEST_NOW });
      expect((await invite(admin, 'busy', { handle: u.handle })).status).toBe(201);
    }
    expect(await (await admin.api('GET', '/api/orgs/busy/invitations')).json()).toHaveLength(MAX_PENDING_INVITATIONS);
    const over = await error(await invite(admin, 'busy', { handle: carol.user.handle }), 409);
    expect(over).toEqual({ code: 'too_many_invitations', message: expect.stringContaining(`has ${MAX_PENDING_INVITATIONS} invitations waiting for an answer`) as string });
  });

  it(`invites one account at most ${MAX_INVITES_PER_ACCOUNT} times in ${INVITES_WINDOW_DAYS} days, withdrawn invitations included`, async () => {
    for (let i = 0; i < MAX_INVITES_PER_ACCOUNT; i++) {
      const { id } = await invited(admin, 'churn', bob);
      expect((await step(admin, 'churn', id, 'withdraw')).status).toBe(200);
    }
    const over = await invite(admin, 'churn', { handle: bob.user.handle });
    expect(over.headers.get('retry-after')).toBe(String(INVITES_WINDOW_DAYS * 86_400));
    expect(await error(over, 429)).toEqual({
      code: 'rate_limited',
      message: `The churn <b> has invited @${bob.user.handle} ${MAX_INVITES_PER_ACCOUNT} times in ${INVITES_WINDOW_DAYS} days, withdrawn invitations included; they can be invited again from 2026-09-20.`,
    });
    expect(await (await bob.api('GET', '/api/account/invitations')).json()).toEqual([]);
  });
});
