// Organizations over both dialects: only admins create them and assign papers; site admins and
// the organization's admins invite members (by @handle or email), who join by accepting
// (org-invitations.test.ts has the rest of that); the page lists assigned and named papers,
// members and total upvotes; hostile names are escaped; creation, assignment, members and role
// changes are audited. Plus the `paperboy org` and `paperboy user role` commands (SQLite), which
// add members at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { invitationOnPage, invite, join } from '../../../test/org-invitations.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';
import { changeRole } from '../../actions/roles.ts';

const XSS = '<script>alert(1)</script>';

describe.each(DIALECTS)('organizations (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ada: Person;
  let bob: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.40001', title: 'Assigned paper', upvotes: 5 }),
      paperInput({ id: '2501.40002', title: 'Named paper', organization: 'DEEP lab <x>', upvotes: 7 }),
      paperInput({ id: '2501.40003', title: 'Other paper', organization: 'Elsewhere', upvotes: 100 }),
    ]);
    admin = await person(t, 'Admin', 'admin');
    ada = await person(t, 'Ada');
    bob = await person(t, 'Bob');
  });
  afterAll(async () => t.close());

  it('refuses organization creation and paper assignment to non-admins', async () => {
    // No organization page yet, but the organizations papers name are listed.
    const orgs = await (await ada.b.get('/orgs')).text();
    expect(orgs).toContain('No organization has a page of its own yet. Below are the organizations papers name most often.');
    expect(orgs).toContain('<a href="/orgs/named/Elsewhere">Elsewhere</a> <span class="muted">1 paper</span>');
    expect((await ada.b.post('/orgs', { handle: 'evil', name: 'Evil' })).status).toBe(403);
    expect(await t.database.db.selectFrom('organizations').selectAll().execute()).toEqual([]);
  });

  it('lets an admin create an organization and assign papers; the page shows papers, members and upvotes', async () => {
    await admin.b.get('/orgs');
    const res = await admin.b.post('/orgs', { handle: 'deep-lab', name: `Deep Lab <x>` });
    expect(res.headers.get('location')).toBe('/orgs/deep-lab');
    await t.database.db.updateTable('organizations').set({ name: `DEEP lab <x>` }).execute();
    await admin.b.get('/orgs/deep-lab');
    const assigned = await admin.b.post('/orgs/deep-lab/papers', { ids: 'https://arxiv.org/abs/2501.40001v2' });
    expect(assigned.status).toBe(200);
    expect(await assigned.text()).toContain('<p class="notice" role="status" id="assign-notice">Assigned 1 paper.</p>');
    await ada.b.get('/orgs/deep-lab');
    expect((await ada.b.post('/orgs/deep-lab/papers', { ids: '2501.40003' })).status).toBe(403);
    const html = await (await t.app.request('/orgs/deep-lab')).text();
    expect(html).toContain('Assigned paper');
    expect(html).toContain('Named paper');
    expect(html).not.toContain('Other paper');
    expect(html).toContain('2 papers · 12 upvotes in total');
    expect(html).toContain('DEEP lab &lt;x&gt;');
    expect(html).not.toContain('DEEP lab <x>');
    expect((await t.app.request('/orgs/nope')).status).toBe(404);
    // Assigned papers link to the organization, by its name, on their page and on cards.
    expect(await (await t.app.request('/papers/2501.40001')).text()).toContain('<a class="org" href="/orgs/deep-lab">DEEP lab &lt;x&gt;</a>');
    expect(html).toContain('href="/orgs/deep-lab" title="DEEP lab &lt;x&gt;"');
    // A paper naming the organization (in any case) links to its page too; one naming another goes to that name's page.
    expect(await (await t.app.request('/papers/2501.40002')).text()).toContain('<a class="org" href="/orgs/deep-lab">DEEP lab &lt;x&gt;</a>');
    expect(await (await t.app.request('/papers/2501.40003')).text()).toContain('<a class="org" href="/orgs/named/Elsewhere">Elsewhere</a>');
  });

  it("pages an organization's papers", async () => {
    await t.add(Array.from({ length: 31 }, (_, i) => paperInput({ id: `2501.41${String(i).padStart(3, '0')}`, title: `Lab paper ${i}`, organization: 'DEEP lab <x>', feedDate: '2025-01-01' })));
    const first = await (await t.app.request('/orgs/deep-lab')).text();
    expect(first).toContain('33 papers');
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain('<a class="nav-btn" rel="next" href="/orgs/deep-lab?p=2">');
    const cards = (html: string): number => html.match(/<li class="card"/g)?.length ?? 0;
    expect(cards(first)).toBe(t.ctx.config.pageSize);
    const second = await (await t.app.request('/orgs/deep-lab?p=2')).text();
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('<a class="nav-btn" rel="prev" href="/orgs/deep-lab">');
    expect(cards(second)).toBe(33 - t.ctx.config.pageSize);
    expect((await t.app.request('/orgs/deep-lab?p=3')).status).toBe(404);
    expect((await t.app.request('/orgs/deep-lab?p=zero')).status).toBe(400);
    // The JSON API pages the same way.
    type ApiOrg = { organization: { handle: string; name: string; numPapers: number }; numPages: number; page: number; papers: { paper: { id: string } }[]; members: unknown[] };
    const api = (await (await t.app.request('/api/orgs/deep-lab?p=2&limit=20')).json()) as ApiOrg;
    expect(api.organization).toMatchObject({ handle: 'deep-lab', name: 'DEEP lab <x>', numPapers: 33 });
    expect(api).toMatchObject({ page: 2, numPages: 2 });
    expect(api.papers).toHaveLength(13);
    expect(((await (await t.app.request('/api/orgs')).json()) as { handle: string }[]).map((o) => o.handle)).toEqual(['deep-lab']);
    expect((await t.app.request('/api/orgs/nope')).status).toBe(404);
    expect(await (await t.app.request('/api/orgs/deep-lab?p=3&limit=20')).json()).toMatchObject({ page: 3, numPages: 2, papers: [] });
  });

  it('invites members: site admins and org admins may, others may not', async () => {
    // A site admin invites by email (the form's old field name still works); Ada joins by accepting.
    await admin.b.get('/orgs/deep-lab');
    expect((await admin.b.post('/orgs/deep-lab/members', { email: ada.email, role: 'admin' })).status).toBe(303);
    expect(await (await t.app.request('/orgs/deep-lab')).text()).not.toContain(`href="/users/${ada.user.handle}"`);
    const id = await invitationOnPage(ada, 'deep-lab');
    expect((await ada.b.post(`/orgs/deep-lab/invitations/${id}/accept`)).status).toBe(303);
    await bob.b.get('/orgs/deep-lab');
    expect((await bob.b.post('/orgs/deep-lab/invitations', { email: bob.email })).status).toBe(403);
    // An organization's admin invites by @handle: an address would tell them whether it has an account.
    for (const address of [bob.email, 'nobody@example.org']) {
      const refused = await invite(ada, 'deep-lab', address);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Invite people by their @handle');
    }
    await join(ada, 'deep-lab', bob);
    const html = await (await t.app.request('/orgs/deep-lab')).text();
    expect(html).toContain(`href="/users/${ada.user.handle}"`);
    expect(html).toContain(`href="/users/${bob.user.handle}"`);
    expect((await bob.b.post('/orgs/deep-lab/invitations', { email: admin.email })).status).toBe(403);
  });

  it('lets members leave, and the organization\'s admins take members off; nobody else', async () => {
    const eve = await person(t, 'Eve');
    await admin.b.get('/orgs');
    expect((await admin.b.post('/orgs', { handle: 'leavers', name: 'Leavers' })).status).toBe(303);
    for (const [who, role] of [[ada, 'admin'], [bob, 'member'], [eve, 'member']] as const) await join(admin, 'leavers', who, role);
    const members = async () => (await t.database.db.selectFrom('org_members').select('user_id').where('org_handle', '=', 'leavers').execute()).map((r) => r.user_id).sort();
    // A plain member sees a Leave button for themself only, and cannot take others off.
    const bobs = await (await bob.b.get('/orgs/leavers')).text();
    expect(bobs).toContain(`action="/orgs/leavers/members/${bob.user.handle}/remove"`);
    expect(bobs).not.toContain(`action="/orgs/leavers/members/${eve.user.handle}/remove"`);
    expect((await bob.b.post(`/orgs/leavers/members/${eve.user.handle}/remove`)).status).toBe(403);
    expect((await bob.b.post(`/orgs/leavers/members/${bob.user.handle}/remove`)).status).toBe(303);
    // The organization's admin takes Eve off; a second time she is not a member.
    await ada.b.get('/orgs/leavers');
    expect((await ada.b.post(`/orgs/leavers/members/${eve.user.handle}/remove`)).status).toBe(303);
    expect((await ada.b.post(`/orgs/leavers/members/${eve.user.handle}/remove`)).status).toBe(404);
    expect(await members()).toEqual([ada.user.id]);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'remove_org_member').where('target_id', '=', 'leavers').orderBy('created_at').execute();
    expect(audit).toEqual(expect.arrayContaining([{ actor_id: bob.user.id, detail: `@${bob.user.handle} left` }, { actor_id: ada.user.id, detail: `@${eve.user.handle}` }]));
    expect(await (await admin.b.get('/moderation')).text()).toContain('took a member off');
  });

  it('says beside the assign form which ids name no paper, keeps them in the field, and logs only the papers assigned', async () => {
    await admin.b.post('/orgs', { handle: 'assign-lab', name: 'Assign Lab' });
    await admin.b.get('/orgs/assign-lab');
    const some = await admin.b.post('/orgs/assign-lab/papers', { ids: '9999.99999\n2501.40003' });
    expect(some.status).toBe(200);
    const html = await some.text();
    expect(html).toContain('<p class="notice error" role="alert" id="assign-notice">Assigned 1 paper. Not found: 9999.99999.</p>');
    expect(html).toMatch(/<textarea id="assign-ids"[^>]*aria-invalid="true" aria-describedby="assign-notice"[^>]*>9999.99999<\/textarea>/);
    const none = await admin.b.post('/orgs/assign-lab/papers', { ids: 'nonsense 9999.99998' });
    expect(none.status).toBe(404);
    const kept = await none.text();
    expect(kept).toContain('No paper was assigned. Not found: nonsense, 9999.99998.');
    expect(kept).toMatch(/<textarea id="assign-ids"[^>]*aria-invalid="true"[^>]*>nonsense 9999.99998<\/textarea>/);
    const blank = await admin.b.post('/orgs/assign-lab/papers', { ids: ' , ' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('List at least one paper id.');
    const rows = await t.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'assign_papers').where('target_id', '=', 'assign-lab').execute();
    expect(rows).toEqual([{ detail: '2501.40003' }]);
    // Giving the paper back to where its source names.
    await t.database.db.updateTable('papers').set({ org_handle: null }).where('id', '=', '2501.40003').execute();
  });

  it('records creation, assignment, invitations and their acceptance in the audit log, shown on /moderation', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'target_type', 'target_id', 'detail']).where('target_id', '=', 'deep-lab').orderBy('created_at').orderBy('action').execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor_id: admin.user.id, action: 'create_org', target_type: 'organization', target_id: 'deep-lab', detail: 'Deep Lab <x>' },
        { actor_id: admin.user.id, action: 'assign_papers', target_type: 'organization', target_id: 'deep-lab', detail: '2501.40001' },
        { actor_id: admin.user.id, action: 'invite_org_member', target_type: 'organization', target_id: 'deep-lab', detail: `@${ada.user.handle} as admin` },
        { actor_id: ada.user.id, action: 'accept_org_invite', target_type: 'organization', target_id: 'deep-lab', detail: `@${ada.user.handle} as admin` },
        { actor_id: ada.user.id, action: 'invite_org_member', target_type: 'organization', target_id: 'deep-lab', detail: `@${bob.user.handle} as member` },
        { actor_id: bob.user.id, action: 'accept_org_invite', target_type: 'organization', target_id: 'deep-lab', detail: `@${bob.user.handle} as member` },
      ]),
    );
    expect(rows).toHaveLength(6);
    const html = await (await admin.b.get('/moderation')).text();
    expect(html).toContain(`<td role="cell" data-label="Who">@${admin.user.handle}</td><td role="cell" data-label="Did">created the organization</td><td role="cell" data-label="To"><a href="/orgs/deep-lab">@deep-lab</a></td><td role="cell" data-label="Details">Deep Lab &lt;x&gt;</td>`);
    expect(html).toContain(`<td role="cell" data-label="Did">assigned papers to</td><td role="cell" data-label="To"><a href="/orgs/deep-lab">@deep-lab</a></td><td role="cell" data-label="Details">2501.40001</td>`);
    expect(html).toContain(`<td role="cell" data-label="Who">@${ada.user.handle}</td><td role="cell" data-label="Did">invited a member to</td><td role="cell" data-label="To"><a href="/orgs/deep-lab">@deep-lab</a></td><td role="cell" data-label="Details">@${bob.user.handle} as member</td>`);
    expect(html).toContain(`<td role="cell" data-label="Who">@${bob.user.handle}</td><td role="cell" data-label="Did">accepted the invitation to</td><td role="cell" data-label="To"><a href="/orgs/deep-lab">@deep-lab</a></td><td role="cell" data-label="Details">@${bob.user.handle} as member</td>`);
  });

  it('records role changes in the audit log; a change to the same role records nothing', async () => {
    const r = await changeRole(t.database.db, 'cli', { who: bob.email, role: 'moderator' }, new Date());
    expect(r).toMatchObject({ was: 'user', user: { role: 'moderator' } });
    await changeRole(t.database.db, 'cli', { who: bob.email, role: 'moderator' }, new Date());
    await expect(changeRole(t.database.db, ada.user, { who: ada.email, role: 'admin' }, new Date())).rejects.toMatchObject({ status: 403 });
    const rows = await t.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'target_type', 'target_id', 'detail']).where('action', '=', 'change_role').execute();
    expect(rows).toEqual([{ actor_id: null, action: 'change_role', target_type: 'user', target_id: bob.user.handle, detail: 'user → moderator' }]);
    const html = await (await admin.b.get('/moderation')).text();
    expect(html).toContain(`<td role="cell" data-label="Who">command line</td><td role="cell" data-label="Did">changed the role of</td><td role="cell" data-label="To"><a href="/users/${bob.user.handle}">@${bob.user.handle}</a></td><td role="cell" data-label="Details">user → moderator</td>`);
  });

  it('escapes hostile organization names everywhere', async () => {
    await admin.b.get('/orgs');
    await admin.b.post('/orgs', { handle: 'xss', name: XSS });
    for (const path of ['/orgs', '/orgs/xss']) {
      const html = await (await t.app.request(path)).text();
      expect(html).not.toContain(XSS);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it("shows an assigned paper under its organization's own name, not the one its source gives", async () => {
    await t.add([paperInput({ id: '2501.40020', title: 'Reassigned paper', organization: 'Google', feedDate: '2025-01-10' })]);
    await admin.b.get('/orgs');
    expect((await admin.b.post('/orgs', { handle: 'evil-lab', name: `Evil ${XSS}` })).status).toBe(303);
    await admin.b.get('/orgs/evil-lab');
    expect((await admin.b.post('/orgs/evil-lab/papers', { ids: '2501.40020' })).status).toBe(200);
    const label = '<a class="org" href="/orgs/evil-lab">Evil &lt;script&gt;alert(1)&lt;/script&gt;</a>';
    const page = await (await t.app.request('/papers/2501.40020')).text();
    expect(page).toContain(label);
    expect(page).not.toContain('>Google</a>');
    expect(page).not.toContain(XSS);
    const card = await (await t.app.request('/orgs/evil-lab')).text();
    expect(card).toContain('href="/orgs/evil-lab" title="Evil &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(card).not.toContain('>Google</a>');
    const api = (await (await t.app.request('/api/papers/2501.40020')).json()) as { organization: unknown };
    expect(api.organization).toEqual({ name: 'evil-lab', fullname: `Evil ${XSS}` });
    const feed = await (await t.app.request('/feeds/organization.rss?handle=evil-lab')).text();
    expect(feed).toContain('<p>Evil &lt;script&gt;alert(1)&lt;/script&gt; · 0 upvotes</p>');
    expect(feed).not.toContain('Google');
    // An unassigned paper keeps the name its source gives.
    const other = (await (await t.app.request('/api/papers/2501.40003')).json()) as { organization: unknown };
    expect(other.organization).toEqual({ name: 'Elsewhere', fullname: 'Elsewhere' });
  });

  it('invites by @handle or bare handle from the form; an unknown handle is a 404', async () => {
    const carol = await person(t, 'Carol');
    const dan = await person(t, 'Dan');
    await admin.b.get('/orgs');
    expect((await admin.b.post('/orgs', { handle: 'by-handle', name: 'By Handle' })).status).toBe(303);
    expect(await (await admin.b.get('/orgs/by-handle')).text()).toContain('<label for="member-name">Invite a member by @handle or email</label>');
    expect(await (await admin.b.get('/orgs/by-handle')).text()).not.toContain('remove"');
    await join(admin, 'by-handle', carol, 'admin');
    expect(await (await carol.b.get('/orgs/by-handle')).text()).toContain('<label for="member-name">Invite a member by @handle</label>');
    expect((await carol.b.post('/orgs/by-handle/invitations', { member: ` ${dan.user.handle.toUpperCase()} ` })).status).toBe(303);
    expect(await invitationOnPage(dan, 'by-handle')).toBeDefined();
    await carol.b.get('/orgs/by-handle');
    const missing = await carol.b.post('/orgs/by-handle/invitations', { member: '@nobody-here', role: 'admin' });
    expect(missing.status).toBe(404);
    // The page comes back with the reason beside the form and what was typed.
    const sentBack = await missing.text();
    expect(sentBack).toContain('<h1>By Handle</h1>');
    expect(sentBack).toContain('<p class="notice error" role="alert" id="member-error">There is no account @nobody-here.</p>');
    expect(sentBack).toMatch(/<input id="member-name"[^>]*value="@nobody-here" aria-invalid="true" aria-describedby="member-error"/);
    expect(sentBack).toContain('<option value="admin" selected="">');
    expect((await carol.b.post('/orgs/by-handle/invitations', { member: ' ' })).status).toBe(400);
    await admin.b.get('/orgs/by-handle');
    const noAddress = await admin.b.post('/orgs/by-handle/invitations', { member: 'nobody@nowhere.org' });
    expect(noAddress.status).toBe(404);
    const byAddress = await noAddress.text();
    expect(byAddress).toContain('role="alert" id="member-error">No account uses the address nobody@nowhere.org.</p>');
    expect(byAddress).toMatch(/<input id="member-name"[^>]*value="nobody@nowhere.org" aria-invalid="true"/);
    // Someone who may not invite still gets the error page.
    await bob.b.get('/orgs/by-handle');
    const refused = await bob.b.post('/orgs/by-handle/invitations', { member: '@nobody-here' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('id="member-error"');
    const html = await (await t.app.request('/orgs/by-handle')).text();
    expect(html).toContain(`href="/users/${carol.user.handle}"`);
    expect(html).not.toContain(`href="/users/${dan.user.handle}"`);
  });
});

describe('paperboy org (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', [paperInput({ id: '2501.40009' })]);
  });
  afterAll(async () => t.close());

  it('creates, assigns, adds members at once (no invitation) and changes roles from the command line, all audited', async () => {
    const env = { ...t.database.env, LOG_LEVEL: 'silent' };
    const ada = await person(t, 'Ada');
    expect((await runCli(['org', 'create', 'lab', 'The Lab'], env)).stdout).toContain('Created The Lab (/orgs/lab)');
    expect((await runCli(['org', 'assign', 'lab', '2501.40009'], env)).stdout).toContain('Assigned 1 of 1 paper to @lab');
    // Ada was invited from the site; adding her from the command line answers the invitation.
    await t.database.db.insertInto('org_invitations').values({ id: 'inv-1', org_handle: 'lab', user_id: ada.user.id, invited_by: null, created_at: new Date().toISOString(), declined_at: null }).execute();
    const added = await runCli(['org', 'add-member', 'lab', ada.email], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added Ada');
    expect(await t.database.db.selectFrom('org_invitations').selectAll().execute()).toEqual([]);
    expect((await runCli(['org', 'add-member', '--help'], env)).stdout).toMatch(/at once, without the\s+invitation the site sends/);
    const bad = await runCli(['org', 'create', 'lab', 'Again'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('already an organization @lab');
    const html = await (await t.app.request('/orgs/lab')).text();
    expect(html).toContain('1 paper · 0 upvotes in total');
    expect(html).toContain(`href="/users/${ada.user.handle}"`);
    expect((await runCli(['user', 'role', ada.email, 'moderator'], env)).stdout).toContain(`${ada.email} is now moderator (was user).`);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'target_id', 'detail']).orderBy('created_at').execute();
    expect(audit).toEqual([
      { actor_id: null, action: 'create_org', target_id: 'lab', detail: 'The Lab' },
      { actor_id: null, action: 'assign_papers', target_id: 'lab', detail: '2501.40009' },
      { actor_id: null, action: 'add_org_member', target_id: 'lab', detail: `@${ada.user.handle} as member` },
      { actor_id: null, action: 'change_role', target_id: ada.user.handle, detail: 'user → moderator' },
    ]);
    expect((await runCli(['org', 'remove-member', 'lab', `@${ada.user.handle}`], env)).stdout).toContain(`Took @${ada.user.handle} off @lab`);
    expect(await (await t.app.request('/orgs/lab')).text()).not.toContain(`href="/users/${ada.user.handle}"`);
    const again = await runCli(['org', 'remove-member', 'lab', ada.user.handle], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('is not a member of The Lab');
  });
});
