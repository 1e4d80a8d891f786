// Upvotes over both dialects: the form works without JavaScript and as JSON, the API takes a
// session with X-CSRF-Token or a personal token, one vote per user, and 200 simultaneous votes
// from 200 users end with exactly 200; one account's votes are rate-limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createApiToken, createUserDirect, openSession } from '../../actions/accounts.ts';
import { trendingScore } from '../../core/trending.ts';
import { LIMITS } from '../../actions/rate-limit.ts';
import { vote } from '../../actions/votes.ts';
import { findPaper } from '../../db/papers.ts';
import { SESSION_COOKIE } from '../auth.ts';

describe.each(DIALECTS)('votes (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.00001', title: 'A paper to vote on', feedDate: '2026-08-21', upvotes: 5 }), paperInput({ id: '2608.00002', feedDate: '2026-08-21' })]);
  });
  afterAll(async () => t.close());

  const signedIn = async (email: string) => {
    const user = await createUserDirect(t.database.db, { email, password: 'correct horse battery', name: email.split('@')[0], role: 'user' }, new Date());
    const { token } = await openSession(t.database.db, user.id, new Date());
    const b = pageClient(t.app);
    b.cookies.set(SESSION_COOKIE, token);
    return { user, b };
  };

  it('toggles with a plain form post, back to the page, updating count and trending', async () => {
    const { b } = await signedIn('voter@example.org');
    const page = await (await b.get('/papers/2608.00001')).text();
    expect(page).toContain('aria-pressed="false"');
    const res = await b.post('/papers/2608.00001/vote', { vote: '1' }, { referer: 'http://localhost/papers/2608.00001' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/papers/2608.00001#paper-2608.00001');
    const p = await findPaper(t.database.db, '2608.00001');
    expect(p?.upvotes).toBe(6);
    expect(p?.trending).toBeCloseTo(trendingScore(6, 0, '2026-08-21'), 6);
    const after = await (await b.get('/')).text();
    expect(after).toMatch(/aria-pressed="true"[^>]*>.*?<span class="vote-count">6<\/span>/s);
    // Voting again is idempotent; removing it brings the count back.
    await b.post('/papers/2608.00001/vote', { vote: '1' });
    expect((await findPaper(t.database.db, '2608.00001'))?.upvotes).toBe(6);
    const json = await b.post('/papers/2608.00001/vote', { vote: '0' }, { accept: 'application/json' });
    expect(await json.json()).toEqual({ paperId: '2608.00001', upvotes: 5, voted: false });
  });

  it('limits how often one account votes, and the count stays exact', async () => {
    await t.add([paperInput({ id: '2608.00300', feedDate: '2026-08-21', upvotes: 3 })]);
    const { user } = await signedIn('toggler@example.org');
    const now = new Date();
    const before = (await findPaper(t.database.db, '2608.00300'))!.upvotes;
    for (let i = 0; i < LIMITS.votePerUser.max; i++) await vote(t.database.db, user, '2608.00300', i % 2 === 0, now);
    await expect(vote(t.database.db, user, '2608.00300', true, now)).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    // An even number of toggles: back where it started, the refused one changed nothing.
    expect((await findPaper(t.database.db, '2608.00300'))!.upvotes).toBe(before);
    // Another account is not affected; the window passing lets this one vote again.
    const { user: other } = await signedIn('other-voter@example.org');
    await vote(t.database.db, other, '2608.00300', true, now);
    await vote(t.database.db, user, '2608.00300', true, new Date(now.getTime() + LIMITS.votePerUser.windowMs + 1000));
    expect((await findPaper(t.database.db, '2608.00300'))!.upvotes).toBe(before + 2);
  });

  it('needs a signed-in user and the CSRF value', async () => {
    const anon = pageClient(t.app);
    await anon.get('/');
    const res = await anon.post('/papers/2608.00001/vote', { vote: '1' }, { referer: 'http://localhost/' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2F&vote=2608.00001');
    const { b } = await signedIn('csrf@example.org');
    await b.get('/');
    expect((await b.post('/papers/2608.00001/vote', { vote: '1', _csrf: 'forged' })).status).toBe(403);
    expect((await t.app.request('/api/papers/2608.00001/vote', { method: 'POST' })).status).toBe(401);
    // A browser session calling the API must send the CSRF value in a header.
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await t.app.request('/api/papers/2608.00002/vote', { method: 'POST', headers: { cookie } })).status).toBe(403);
    const ok = await t.app.request('/api/papers/2608.00002/vote', { method: 'DELETE', headers: { cookie, 'x-csrf-token': b.csrf } });
    expect(ok.status).toBe(200);
    expect((await findPaper(t.database.db, '2608.00001'))?.upvotes).toBe(5);
  });

  /** The hidden fields of the vote form for a paper on a page, as a browser would post them. */
  const voteFields = (html: string, paperId: string): Record<string, string> => {
    const form = new RegExp(`<form class="vote-form" method="post" action="/papers/${paperId.replace('.', '\\.')}/vote">(.*?)</form>`, 's').exec(html)?.[1] ?? '';
    return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] as string, (m[2] as string).replace(/&amp;/g, '&')]));
  };

  it('returns a no-JS vote, and a sign-in it needs, to the page it came from without any Referer', async () => {
    // Browsers send this site the Referer of its own pages, nothing to others.
    expect((await t.app.request('/')).headers.get('referrer-policy')).toBe('same-origin');
    const anon = pageClient(t.app);
    const fields = voteFields(await (await anon.get('/papers/2608.00001')).text(), '2608.00001');
    expect(fields['_back']).toBe('/papers/2608.00001');
    const res = await anon.post('/papers/2608.00001/vote', fields);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fpapers%2F2608.00001&vote=2608.00001');
    await createUserDirect(t.database.db, { email: 'noref@example.org', password: 'correct horse battery', name: 'No Referer', role: 'user' }, new Date());
    // The sign-in page says why it is there (pending-vote.test.ts follows the vote it carries).
    expect(await (await anon.get('/signin?next=%2Fpapers%2F2608.00001')).text()).toContain('Sign in to go on: you will be back where you were.');
    const signedIn = await anon.post('/signin?next=%2Fpapers%2F2608.00001', { email: 'noref@example.org', password: 'correct horse battery' });
    expect(signedIn.headers.get('location')).toBe('/papers/2608.00001');
    // From a feed page with a query, signed in: back to that very page, at the paper.
    const feed = voteFields(await (await anon.get('/papers/date/2026-08-21?sort=trending')).text(), '2608.00002');
    const voted = await anon.post('/papers/2608.00002/vote', feed);
    expect(voted.headers.get('location')).toBe('/papers/date/2026-08-21?sort=trending#paper-2608.00002');
    await anon.post('/papers/2608.00002/vote', { ...feed, vote: '0' });
    // A return path that leaves the site is refused.
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', '/.//evil.example/x', '/a/..//evil.example', '/%2e//evil.example']) {
      const r = await anon.post('/papers/2608.00002/vote', { ...feed, vote: '0', _back: evil });
      expect(r.headers.get('location'), evil).toBe('/#paper-2608.00002');
    }
  });

  it('votes through the API with a personal token (stored hashed), and refuses a bad one', async () => {
    const { user } = await signedIn('api@example.org');
    const { token } = await createApiToken(t.database.db, user.id, 'script', new Date());
    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    const up = await t.app.request('/api/papers/2608.00002/vote', { method: 'POST', headers: auth });
    expect(await up.json()).toEqual({ paperId: '2608.00002', upvotes: 1, voted: true });
    const down = await t.app.request('/api/papers/2608.00002/vote', { method: 'DELETE', headers: auth });
    expect(await down.json()).toMatchObject({ upvotes: 0, voted: false });
    const bad = await t.app.request('/api/papers/2608.00002/vote', { method: 'POST', headers: { authorization: 'Bearer pb_nope' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe('invalid_token');
    expect((await t.app.request('/api/papers/9999.99999/vote', { method: 'POST', headers: auth })).status).toBe(404);
  });

  it('counts 200 simultaneous upvotes from 200 users exactly', async () => {
    await t.add([paperInput({ id: '2608.00200', feedDate: '2026-08-21', upvotes: 0 })]);
    const tokens: string[] = [];
    for (let i = 0; i < 200; i++) {
      const user = await createUserDirect(t.database.db, { email: `crowd${i}@example.org`, password: 'correct horse battery', name: `Crowd ${i}`, role: 'user' }, new Date());
      tokens.push((await createApiToken(t.database.db, user.id, 'crowd', new Date())).token);
    }
    const results = await Promise.all(tokens.map((tk) => t.app.request('/api/papers/2608.00200/vote', { method: 'POST', headers: { authorization: `Bearer ${tk}` } })));
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const p = await findPaper(t.database.db, '2608.00200');
    expect(p?.upvotes).toBe(200);
    const rows = await t.database.db.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('paper_id', '=', '2608.00200').executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(200);
    expect(p?.trending).toBeCloseTo(trendingScore(200, 0, '2026-08-21'), 6);
  }, 120_000);
});
