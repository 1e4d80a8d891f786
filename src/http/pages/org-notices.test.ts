// The notices of organization steps over both dialects: sending an invitation says to whom,
// accepting one says which organization one is now a member (or admin) of, and changing a
// member's role says whose role changed to what; the names come from the site alone (a forged
// or altered notice cookie says nothing of them, nor do one account's details replayed into
// another's browser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { answer, invitationCast, invitationOnPage, invite } from '../../../test/org-invitations.ts';
import type { Person } from '../../../test/signed-in.ts';

const flash = (html: string): string | undefined => /<p class="notice flash" role="status">([^<]*)<\/p>/.exec(html)?.[1];

describe.each(DIALECTS)('organization notices (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ada: Person;
  let bob: Person;
  let carol: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, ada, bob, carol } = await invitationCast(t, ['lab']));
  });
  afterAll(async () => t.close());

  it('says to whom an invitation was sent, once', async () => {
    expect((await invite(admin, 'lab', ada)).status).toBe(303);
    const page = await (await admin.b.get('/orgs/lab')).text();
    expect(flash(page)).toBe(`Invitation sent to @${ada.user.handle}: they become a member of The lab &lt;b&gt; when they accept.`);
    expect(flash(await (await admin.b.get('/orgs/lab')).text())).toBeUndefined();
  });

  it('says which organization one joined, on the page one comes back to', async () => {
    const id = await invitationOnPage(ada, 'lab');
    expect((await answer(ada, 'lab', id as string, 'accept')).status).toBe(303);
    expect(flash(await (await ada.b.get('/orgs/lab')).text())).toBe('You are now a member of The lab &lt;b&gt;.');
  });

  it("says whose role changed to what", async () => {
    expect((await invite(admin, 'lab', ada, 'admin')).status).toBe(303);
    expect(flash(await (await admin.b.get('/orgs/lab')).text())).toBe(`@${ada.user.handle} is now an admin of The lab &lt;b&gt;.`);
  });

  it("says nothing to another account, or to nobody signed in, of details made for one account", async () => {
    expect((await invite(admin, 'lab', bob)).status).toBe(303);
    const id = await invitationOnPage(bob, 'lab');
    expect((await answer(bob, 'lab', id as string, 'accept')).status).toBe(303);
    const notice = bob.b.cookies.get('pb_notice');
    const details = bob.b.cookies.get('pb_notice_details');
    expect(notice).toBe('org-joined');
    expect(details).toBeDefined();
    const cookie = `pb_notice=${notice}; pb_notice_details=${details}`;
    carol.b.cookies.set('pb_notice', notice as string);
    carol.b.cookies.set('pb_notice_details', details as string);
    expect(await (await carol.b.get('/orgs/lab')).text()).not.toContain('You are now');
    expect(await (await t.app.request('/orgs/lab', { headers: { cookie } })).text()).not.toContain('You are now');
    // The account they were made for still reads them.
    expect(flash(await (await bob.b.get('/orgs/lab')).text())).toBe('You are now a member of The lab &lt;b&gt;.');
  });

  it('names nobody from a details cookie the site did not seal', async () => {
    const res = await t.app.request('/orgs/lab', { headers: { cookie: 'pb_notice=org-joined; pb_notice_details=forged' } });
    expect(flash(await res.text())).toBeUndefined();
  });
});
