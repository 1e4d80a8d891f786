// The ingestion admin page: open to signed-in admins, otherwise absent without a password and
// behind basic auth with one, and showing checkpoints and runs with their errors escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';
import { hostname } from 'node:os';
import { acquireLease, finishRun, saveCheckpoint, startRun } from '../../db/ingest.ts';

const auth = (user: string, pass: string) => ({ headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` } });

describe.each(DIALECTS)('admin ingestion page (%s)', (dialect) => {
  let t: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [], { ADMIN_PASSWORD: 'correct horse battery' });
    closed = await createTestApp(dialect);
    const now = new Date('2026-08-21T01:00:00Z');
    await saveCheckpoint(t.database.db, 'hf-daily', { done: '2026-08-20', failed: [] }, now);
    const id = await startRun(t.database.db, 'hf-daily', { dates: ['2026-08-20'] }, now);
    await finishRun(t.database.db, id, 'ok', { requests: 2, inserted: 31, updated: 4, unchanged: 0, skipped: 0, rejected: 1 }, ['2026-08-20 #3: title: <script>alert(1)</script>'], new Date('2026-08-21T01:00:07Z'), 2);
    const partial = await startRun(t.database.db, 'hf-daily', { since: '2025-01-10', until: '2025-01-12' }, new Date('2026-08-21T03:00:00Z'));
    await finishRun(t.database.db, partial, 'partial', { requests: 2, inserted: 0, updated: 0, unchanged: 12, skipped: 0, rejected: 0 }, ['2025-01-10: Hugging Face answered 503 for 2025-01-10'], new Date('2026-08-21T03:00:02Z'), 7);
  });
  afterAll(async () => {
    await t.close();
    await closed.close();
  });

  it('does not exist when no admin password is configured', async () => {
    expect((await closed.app.request('/admin/ingest', auth('admin', 'anything'))).status).toBe(404);
  });

  it('asks for the password, and refuses a wrong one', async () => {
    const anonymous = await t.app.request('/admin/ingest');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect((await t.app.request('/admin/ingest', auth('admin', 'wrong'))).status).toBe(401);
  });

  it('makes an address wait after ten wrong passwords; right ones do not count, and other addresses go on', async () => {
    const from = (ip: string, pass: string) => t.app.request('/admin/ingest', { headers: { ...auth('admin', pass).headers, 'x-forwarded-for': ip } });
    for (let i = 0; i < 12; i++) expect((await from('198.51.100.60', 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await from('198.51.100.61', `guess ${i}`)).status).toBe(401);
    const waiting = await from('198.51.100.61', 'correct horse battery');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.62', 'correct horse battery')).status).toBe(200);
  });

  it('opens to a signed-in admin without the password, and to no other role', async () => {
    for (const app of [t, closed]) {
      const admin = await person(app, 'Ada Admin', 'admin');
      const page = await admin.b.get('/admin/ingest');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Ingestion</h1>');
      const home = await (await admin.b.get('/')).text();
      // The admin index, in the account's menu and in the phone's menu, with the profile link and the sign-out form.
      expect(home.split('<a href="/admin">Admin</a>')).toHaveLength(3);
      expect(home).toMatch(/<nav aria-label="Account">.*<a href="\/admin">Admin<\/a>/s);
      expect(await (await admin.b.get('/admin')).text()).toContain('<a href="/admin/ingest">Ingestion</a>');
      expect(home).toMatch(/<nav aria-label="Menu">.*<a href="\/users\/[^"]+">Your profile<\/a><a href="\/settings">Settings<\/a><a href="\/digest">Your email digest<\/a><form method="post" action="\/signout"/s);
      const moderator = await person(app, 'Mo Derator', 'moderator');
      expect((await moderator.b.get('/admin/ingest')).status).toBe(app === t ? 401 : 404);
      expect(await (await moderator.b.get('/')).text()).not.toContain('href="/admin"');
    }
  });

  it('shows checkpoints and runs, errors escaped', async () => {
    const res = await t.app.request('/admin/ingest', auth('admin', 'correct horse battery'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('hf-daily');
    expect(html).toContain('{&quot;done&quot;:&quot;2026-08-20&quot;,&quot;failed&quot;:[]}');
    expect(html).toContain('31 new, 4 updated, 0 unchanged, 0 skipped, 1 rejected');
    expect(html).toContain('7 s');
    // Each run says what it covered, and its first problem in full under it.
    expect(html).toContain('<td data-label="Covered">2026-08-20</td>');
    expect(html).toContain('<td data-label="Covered">since 2025-01-10 until 2025-01-12</td>');
    expect(html).toContain('<strong>1 problem:</strong> 2025-01-10: Hugging Face answered 503 for 2025-01-10');
    expect(html).not.toContain('<summary>1</summary>');
    // A run that could not use every answer is not shown as "ok".
    expect(html).toContain('<td data-label="Status" class="status-partial">partial</td>');
    expect(html).toContain('<td data-label="Status" class="status-ok">ok</td>');
    // Requests with their HTTP attempts when some were tried again (5 retries of the partial run's 2 requests).
    expect(html).toContain('<td data-label="Requests" title="7 HTTP attempts: the requests and their retries">2 (7 attempts)</td>');
    expect(html).toContain('<td data-label="Requests" title="2 HTTP attempts: the requests and their retries">2</td>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('0 papers stored; no feed day yet.');
  });

  it('shows a run whose process died on this host as interrupted, not running', async () => {
    // A process id no process has here (pids stay far below this).
    const dead = `${hostname()}:999999999`;
    await acquireLease(t.database.db, 'arxiv-oai:cs:cs.LG', dead, new Date(), 10 * 60_000);
    await startRun(t.database.db, 'arxiv-oai:cs:cs.LG', {}, new Date('2026-08-21T04:00:00Z'));
    await acquireLease(t.database.db, 'arxiv-announced', 'another-host:12', new Date(), 10 * 60_000);
    const html = await (await t.app.request('/admin/ingest', auth('admin', 'correct horse battery'))).text();
    expect(html).toContain(`interrupted: ${dead} is gone; the next run resumes`);
    expect(html).toContain('<td data-label="Status" class="status-interrupted">interrupted</td>');
    expect(html).toContain('another-host:12 (until');
  });

  it('says how fresh the feed is, and warns when no new day came for days', async () => {
    const page = async () => (await t.app.request('/admin/ingest', auth('admin', 'correct horse battery'))).text();
    await t.add([paperInput({ id: '2608.00901', feedDate: '2026-08-10' }), paperInput({ id: '2608.00902', feedDate: null })]);
    const stale = await page();
    expect(stale).toContain('2 papers stored; the newest feed day is 2026-08-10 (11 days ago).');
    expect(stale).toContain('No new papers for 11 days');
    await t.add([paperInput({ id: '2608.00903', feedDate: '2026-08-20' })]);
    const fresh = await page();
    expect(fresh).toContain('3 papers stored; the newest feed day is 2026-08-20 (yesterday).');
    expect(fresh).not.toContain('No new papers for');
  });
});
