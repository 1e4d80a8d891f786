/**
 * Helpers for organization tests: invitations sent and answered through the pages, as people
 * signed in with their own browser do it.
 */
import { expect } from 'vitest';
import type { Person } from './signed-in.ts';

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
