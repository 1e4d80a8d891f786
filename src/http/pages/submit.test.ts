// Submitting papers over both dialects, with arXiv answers replayed from a local server: by link
// from the page and by id from the API, into today's feed with "submitted by"; duplicates point
// to the existing paper (a harvested one not yet in a feed enters today's); hidden papers 409;
// bad ids 400, unknown papers 404, arXiv failures 502/503, a look-up queued too long 503; CSRF;
// limits (hourly on attempts; daily on papers added, so duplicates and arXiv failures are free).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../../../test/arxiv-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { type ReplayServer, startReplayServer } from '../../../test/replay-server.ts';
import { person, replayArxiv } from '../../../test/signed-in.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { LIMITS } from '../../actions/rate-limit.ts';
import { submitPaper } from '../../actions/submit-paper.ts';
import { SourceError } from '../../sources/http/source-error.ts';

const lookup = (id: string) => ({ path: '/api/query', query: { id_list: id, start: '0', max_results: '1' } });

describe.each(DIALECTS)('submitting papers (%s)', (dialect) => {
  let t: TestApp;
  let arxiv: ReplayServer;
  beforeAll(async () => {
    arxiv = await startReplayServer([
      { ...lookup('2104.12255'), respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } },
      { ...lookup('0000.0000'), respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } },
      { ...lookup('2101.00001'), respond: { status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } } },
    ]);
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.00001', title: 'Already here' }),
      // Harvested by OAI-PMH, never in a feed.
      paperInput({ id: '2501.00003', title: 'Harvested but never announced', feedDate: null, upvotes: 3 }),
      paperInput({ id: '2501.00004', title: 'Hidden by a moderator' }),
    ]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2501.00004').execute();
    t.ctx.arxiv = replayArxiv(arxiv.url);
  });
  afterAll(async () => {
    await t.close();
    await arxiv.close();
  });

  it('submits an arxiv.org link from the form: fetched from arXiv, in today\'s feed, submitted by the user', async () => {
    const ada = await person(t, "Ada O'Submit & Co");
    expect(await (await ada.b.get('/submit')).text()).toContain('name="id"');
    const res = await ada.b.post('/submit', { id: 'https://arxiv.org/abs/2104.12255v1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/papers/2104.12255?submitted=1');
    const page = await (await ada.b.get('/papers/2104.12255?submitted=1')).text();
    expect(page).toContain('The paper is now in today');
    // The submitter's name leads to their profile here.
    expect(page).toContain(`by <a href="/users/${ada.user.handle}">Ada O&#39;Submit &amp; Co</a>`);
    expect(page).toContain('Quan Thoi Minh Nguyen');
    const row = await t.database.db.selectFrom('papers').select(['feed_date', 'submitted_by', 'submitted_by_user']).where('id', '=', '2104.12255').executeTakeFirstOrThrow();
    expect(row).toEqual({ feed_date: '2026-08-21', submitted_by: "Ada O'Submit & Co", submitted_by_user: ada.user.id });
    const subs = await t.database.db.selectFrom('submissions').selectAll().where('user_id', '=', ada.user.id).execute();
    expect(subs.map((s) => s.paper_id)).toEqual(['2104.12255']);
    expect(await (await t.app.request('/papers/date/2026-08-21')).text()).toContain('/papers/2104.12255');
    expect(arxiv.requests.filter((r) => r.query['id_list'] === '2104.12255')).toHaveLength(1);
  });

  it('answers a duplicate with the existing paper (API 200 existing:true; page redirect with a notice) without asking arXiv', async () => {
    const bob = await person(t, 'Bob');
    const before = arxiv.requests.length;
    const api = await bob.api('POST', '/api/submissions', { id: 'arXiv:2104.12255v2' });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ existing: true, paper: { id: '2104.12255' } });
    const page = await bob.b.post('/submit', { id: '2501.00001' });
    expect(page.headers.get('location')).toBe('/papers/2501.00001?already=1');
    expect(await (await bob.b.get('/papers/2501.00001?already=1')).text()).toContain('This paper was already on Paperboy');
    expect(arxiv.requests.length).toBe(before);
    const subs = await t.database.db.selectFrom('submissions').selectAll().where('user_id', '=', bob.user.id).execute();
    expect(subs).toEqual([]);
  });

  it('puts a stored paper that is in no feed yet into today\'s, submitted by the user, without asking arXiv', async () => {
    const fay = await person(t, 'Fay');
    const before = arxiv.requests.length;
    expect(await (await t.app.request('/papers/date/2026-08-21')).text()).not.toContain('/papers/2501.00003');
    const res = await fay.api('POST', '/api/submissions', { id: 'https://arxiv.org/abs/2501.00003v1' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ existing: false, paper: { id: '2501.00003', submittedOnDailyAt: expect.stringContaining('2026-08-21') } });
    const row = await t.database.db.selectFrom('papers').select(['feed_date', 'submitted_by', 'submitted_by_user', 'trending']).where('id', '=', '2501.00003').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ feed_date: '2026-08-21', submitted_by: 'Fay', submitted_by_user: fay.user.id });
    expect(row.trending).toBeGreaterThan(0);
    expect(await (await t.app.request('/papers/date/2026-08-21')).text()).toContain('/papers/2501.00003');
    expect((await t.database.db.selectFrom('submissions').select('paper_id').where('user_id', '=', fay.user.id).execute()).map((r) => r.paper_id)).toEqual(['2501.00003']);
    // Once in a feed, it is a duplicate like any other: the first submitter keeps the credit.
    const gus = await person(t, 'Gus');
    const again = await gus.b.post('/submit', { id: '2501.00003' });
    expect(again.headers.get('location')).toBe('/papers/2501.00003?already=1');
    expect((await t.database.db.selectFrom('papers').select('submitted_by').where('id', '=', '2501.00003').executeTakeFirstOrThrow()).submitted_by).toBe('Fay');
    expect(arxiv.requests.length).toBe(before);
  });

  it('refuses a paper a moderator hid with a clear 409, without asking arXiv, and keeps it hidden', async () => {
    const hal = await person(t, 'Hal');
    const before = arxiv.requests.length;
    const api = await hal.api('POST', '/api/submissions', { id: '2501.00004' });
    expect(api.status).toBe(409);
    expect(await api.json()).toEqual({ error: { code: 'paper_unavailable', message: 'The paper 2501.00004 is not available on this site.' } });
    const page = await hal.b.post('/submit', { id: 'arXiv:2501.00004v2' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('is not available on this site');
    expect(arxiv.requests.length).toBe(before);
    const row = await t.database.db.selectFrom('papers').select(['hidden', 'submitted_by']).where('id', '=', '2501.00004').executeTakeFirstOrThrow();
    expect(row).toEqual({ hidden: 1, submitted_by: null });
  });

  it('gives clear errors: 400 for a bad id, 404 when arXiv has no such paper, 503/502 when arXiv fails', async () => {
    const cy = await person(t, 'Cy');
    const bad = await cy.api('POST', '/api/submissions', { id: 'not a paper' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_arxiv_id' } });
    const missing = await cy.api('POST', '/api/submissions', { id: '0000.0000' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_on_arxiv' } });
    const busy = await cy.api('POST', '/api/submissions', { id: '2101.00001' });
    expect(busy.status).toBe(503);
    expect(await busy.json()).toMatchObject({ error: { code: 'arxiv_unavailable' } });
    const pageBad = await cy.b.post('/submit', { id: 'https://example.org/x' });
    expect(pageBad.status).toBe(400);
    expect(await pageBad.text()).toContain('is not an arXiv id or an arxiv.org link');
    const saved = t.ctx.arxiv;
    // A port nothing listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    t.ctx.arxiv = replayArxiv(`http://127.0.0.1:${port}`);
    try {
      // Nothing listens there: no answer at all is said as such, not as arXiv being busy.
      const down = await cy.b.post('/submit', { id: '2101.00002' });
      expect(down.status).toBe(502);
      const said = await down.text();
      expect(said).toContain('Paperboy could not reach arXiv: arXiv refused the connection (or this server has a wrong address for it). Please try again later.');
      expect(said).not.toContain('ECONNREFUSED');
      t.ctx.arxiv = replayArxiv('http://arxiv-host.invalid');
      const nowhere = await cy.api('POST', '/api/submissions', { id: '2101.00002' });
      expect(nowhere.status).toBe(502);
      expect(await nowhere.json()).toMatchObject({
        error: { code: 'arxiv_unreachable', message: "Paperboy could not reach arXiv: arXiv's address could not be looked up: this server may be offline. Please try again later." },
      });
    } finally {
      t.ctx.arxiv = saved;
    }
    expect(await t.database.db.selectFrom('papers').select('id').where('id', 'in', ['0000.0000', '2101.00001', '2101.00002']).execute()).toEqual([]);
  });

  it('answers 503 rather than hang when the queue to arXiv holds the look-up too long, and stores nothing', async () => {
    const user = await createUserDirect(t.database.db, { email: 'queued@example.org', password: 'correct horse battery', name: 'Queued', role: 'user' }, new Date());
    const stuck = { lookup: () => new Promise<never>(() => undefined) };
    // (A look-up that never ends: without the deadline the test would hang until its timeout.)
    await expect(submitPaper(t.database.db, stuck, { id: '2101.00009', user, ip: '192.0.2.90' }, new Date(), { lookupDeadlineMs: 200 })).rejects.toMatchObject({ status: 503, code: 'arxiv_busy' });
    expect(await t.database.db.selectFrom('papers').select('id').where('id', '=', '2101.00009').execute()).toEqual([]);
  });

  it('needs a signed-in user and the CSRF field', async () => {
    expect((await t.app.request('/api/submissions', { method: 'POST', body: '{"id":"2104.12255"}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await t.app.request('/submit')).status).toBe(303);
    const dee = await person(t, 'Dee');
    expect((await dee.b.post('/submit', { id: '2501.00001', _csrf: 'forged' })).status).toBe(403);
    await dee.b.get('/');
    expect((await dee.session('POST', '/api/submissions', { id: '2501.00001' }, { csrf: false })).status).toBe(403);
    expect((await dee.session('POST', '/api/submissions', { id: '2501.00001' })).status).toBe(200);
  });

  it(`limits submission attempts to ${LIMITS.submitAttemptsPerUser.max} per user per hour (429 with Retry-After)`, async () => {
    const eve = await person(t, 'Eve');
    for (let i = 0; i < LIMITS.submitAttemptsPerUser.max; i++) expect((await eve.api('POST', '/api/submissions', { id: '2501.00001' })).status).toBe(200);
    const over = await eve.api('POST', '/api/submissions', { id: '2501.00001' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await eve.b.post('/submit', { id: '2501.00001' })).status).toBe(429);
  });

  it(`counts toward the daily limit of ${LIMITS.submitPerUser.max} only the submissions that add a paper, not duplicates or arXiv's failures`, async () => {
    const fay = await createUserDirect(t.database.db, { email: 'fay-limits@example.org', password: 'correct horse battery', name: 'Fay', role: 'user' }, new Date());
    const harvested = Array.from({ length: LIMITS.submitPerUser.max + 1 }, (_, i) => `2501.${9100 + i}`);
    await t.add(harvested.map((id) => paperInput({ id, title: `Harvested ${id}`, feedDate: null })));
    const failing = { lookup: () => Promise.reject(new SourceError('arXiv answered 503', { url: 'http://arxiv.test/api/query', retryable: true, status: 503 })) };
    const at = (minutes: number): Date => new Date(Date.parse('2026-08-21T06:00:00Z') + minutes * 60_000);
    const submit = (id: string, when: Date) => submitPaper(t.database.db, failing, { id, user: fay, ip: '192.0.2.150' }, when);
    // Duplicates answer with the paper, and an arXiv outage answers 503, as often as the hourly limit allows.
    for (let i = 0; i < 5; i++) await expect(submit('2501.00001', at(0))).resolves.toMatchObject({ existing: true });
    for (let i = 0; i < 5; i++) await expect(submit('2101.00005', at(0))).rejects.toMatchObject({ status: 503 });
    // None of them used up the day: ten papers are added an hour later, the eleventh is refused.
    for (const id of harvested.slice(0, -1)) await expect(submit(id, at(61))).resolves.toMatchObject({ existing: false });
    await expect(submit(harvested.at(-1)!, at(61))).rejects.toMatchObject({ status: 429 });
    // A duplicate still answers with the paper; anything that would add one waits for the next day.
    await expect(submit('2501.00001', at(62))).resolves.toMatchObject({ existing: true });
    await expect(submit('2101.00005', at(62))).rejects.toMatchObject({ status: 429 });
    await expect(submit(harvested.at(-1)!, at(24 * 60 + 1))).resolves.toMatchObject({ existing: false });
    // Every attempt, duplicate or not, counts toward the hourly limit, so arXiv is not hammered.
    for (let i = 0; i < LIMITS.submitAttemptsPerUser.max; i++) await expect(submit('2101.00005', at(3 * 24 * 60))).rejects.toMatchObject({ status: 503 });
    await expect(submit('2501.00001', at(3 * 24 * 60))).rejects.toMatchObject({ status: 429 });
  });
});
