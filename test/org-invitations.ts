/**
 * Helpers for organization tests: invitations sent and answered through the pages, as people
 * signed in with their own browser do it.
 */
import { expect } from 'vitest';
import type { TestApp } from './context.ts';
import { person, type Person } from './signed-in.ts';

/** A site admin who created organizations with these handles (each named "The <handle> <b>"), and three users. */
export async function invitationCast(t: TestApp, orgs: string[]): Promise<{ admin: Person; ada: Person; bob: Person; carol: Person }> {
  const admin = await person(t, 'Admin', 'admin');
  const [ada, bob, carol] = [await person(t, 'Ada'), await person(t, 'Bob'), await person(t, 'Carol')];
  await admin.b.get('/orgs');
  for (const handle of orgs) expect((await admin.b.post('/orgs', { handle, name: `The ${handle} <b>` })).status).toBe(303);
  return { admin, ada, bob, carol };
}

/** An organization's members as `handle:role`, by handle. */
export async function orgMembers(t: TestApp, org: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('org_members').innerJoin('users', 'users.id', 'org_members.user_id').select(['users.handle', 'org_members.role']).where('org_handle', '=', org).orderBy('users.handle').execute();
  return rows.map((r) => `${r.handle}:${r.role}`);
}

/** Posts the invite form of an organization's page. */
export async function invite(by: Person, org: string, who: Person | string, role: 'member' | 'admin' = 'member'): Promise<Response> {
  await by.b.get(`/orgs/${org}`);
  return by.b.post(`/orgs/${org}/invitations`, { member: typeof who === 'string' ? who : `@${who.user.handle}`, role });
}

/** The id of the invitation whose Accept button the person sees on the organization's page, if any. */
export async function invitationOnPage(who: Person, org: string): Promise<string | undefined> {
  const html = await (await who.b.get(`/orgs/${org}`)).text();
  return new RegExp(`action="/orgs/${org}/invitations/([^/"]+)/accept"`).exec(html)?.[1];
}

/** Answers one's invitation to an organization from its page. */
export async function answer(who: Person, org: string, id: string, step: 'accept' | 'decline'): Promise<Response> {
  await who.b.get(`/orgs/${org}`);
  return who.b.post(`/orgs/${org}/invitations/${id}/${step}`, { _back: `/orgs/${org}` });
}

/** Invites someone and has them accept: a member (or admin) from then on. */
export async function join(by: Person, org: string, who: Person, role: 'member' | 'admin' = 'member'): Promise<void> {
  expect((await invite(by, org, who, role)).status).toBe(303);
  const id = await invitationOnPage(who, org);
  expect(id).toBeDefined();
  expect((await answer(who, org, id as string, 'accept')).status).toBe(303);
}
