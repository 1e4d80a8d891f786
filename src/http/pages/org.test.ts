// Organizations over both dialects: only admins create them and assign papers; site admins and
// the organization's admins add members; the page lists assigned and named papers, members and
// total upvotes; hostile names are escaped. Plus the `paperboy org` commands (SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';

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
    await ada.b.get('/orgs');
    expect((await ada.b.post('/orgs', { handle: 'evil', name: 'Evil' })).status).toBe(403);
    expect(await t.database.db.selectFrom('organizations').selectAll().execute()).toEqual([]);
  });

  it('lets an admin create an organization and assign papers; the page shows papers, members and upvotes', async () => {
    await admin.b.get('/orgs');
    const res = await admin.b.post('/orgs', { handle: 'deep-lab', name: `Deep Lab <x>` });
    expect(res.headers.get('location')).toBe('/orgs/deep-lab');
    await t.database.db.updateTable('organizations').set({ name: `DEEP lab <x>` }).execute();
    await admin.b.get('/orgs/deep-lab');
    expect((await admin.b.post('/orgs/deep-lab/papers', { ids: 'https://arxiv.org/abs/2501.40001v2' })).status).toBe(303);
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
    // Assigned papers link to the organization on their page and on cards.
    expect(await (await t.app.request('/papers/2501.40001')).text()).toContain('<a class="org" href="/orgs/deep-lab">@deep-lab</a>');
    expect(html).toContain('href="/orgs/deep-lab" title="@deep-lab"');
    expect(await (await t.app.request('/papers/2501.40002')).text()).toContain('<span class="org">DEEP lab &lt;x&gt;</span>');
  });

  it('adds members: site admins and org admins may, others may not', async () => {
    expect((await admin.b.post('/orgs/deep-lab/members', { email: ada.email, role: 'admin' })).status).toBe(303);
    await bob.b.get('/orgs/deep-lab');
    expect((await bob.b.post('/orgs/deep-lab/members', { email: bob.email })).status).toBe(403);
    await ada.b.get('/orgs/deep-lab');
    expect((await ada.b.post('/orgs/deep-lab/members', { email: bob.email })).status).toBe(303);
    const html = await (await t.app.request('/orgs/deep-lab')).text();
    expect(html).toContain(`href="/users/${ada.user.handle}"`);
    expect(html).toContain(`href="/users/${bob.user.handle}"`);
    expect((await bob.b.post('/orgs/deep-lab/members', { email: admin.email })).status).toBe(403);
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
});

describe('paperboy org (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', [paperInput({ id: '2501.40009' })]);
  });
  afterAll(async () => t.close());

  it('creates, assigns and adds members from the command line', async () => {
    const env = { ...t.database.env, LOG_LEVEL: 'silent' };
    const ada = await person(t, 'Ada');
    expect((await runCli(['org', 'create', 'lab', 'The Lab'], env)).stdout).toContain('Created The Lab (/orgs/lab)');
    expect((await runCli(['org', 'assign', 'lab', '2501.40009'], env)).stdout).toContain('Assigned 1 of 1 paper to @lab');
    expect((await runCli(['org', 'add-member', 'lab', ada.email], env)).stdout).toContain('Added Ada');
    const bad = await runCli(['org', 'create', 'lab', 'Again'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('already an organization @lab');
    const html = await (await t.app.request('/orgs/lab')).text();
    expect(html).toContain('1 paper · 0 upvotes in total');
    expect(html).toContain(`href="/users/${ada.user.handle}"`);
  });
});
