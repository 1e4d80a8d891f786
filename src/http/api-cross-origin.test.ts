// The JSON API read from other sites' pages: CORS without credentials, preflights for token calls,
// a cross-origin resource policy on API reads only, WWW-Authenticate on 401s; sessions still need
// the CSRF header, whatever the Origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { person } from '../../test/signed-in.ts';

const ORIGIN = 'https://notebook.example.org';

describe.each(DIALECTS)('API across origins (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.00001', title: 'Speculative Decoding', feedDate: '2026-08-21' })]);
  });
  afterAll(async () => t.close());

  it('lets any site read the API, never with credentials, and exposes its paging headers', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await t.app.request('/api/daily_papers', { method, headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('X-Total-Count'));
      expect(res.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Link'));
    }
    // An error answer is readable too.
    const missing = await t.app.request('/api/papers/9999.99999', { headers: { origin: ORIGIN } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    // Pages stay same-origin.
    const page = await t.app.request('/', { headers: { origin: ORIGIN } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('answers preflights for token calls, without credentials or the CSRF header', async () => {
    const res = await t.app.request('/api/collections', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(['Authorization', 'Content-Type']);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('asks for a Bearer token on a 401', async () => {
    const anonymous = await t.app.request('/api/collections', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const badToken = await t.app.request('/api/collections', { headers: { authorization: 'Bearer pb_nope' } });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('still needs the CSRF header for a call with a session, from any origin; a token needs none', async () => {
    const ada = await person(t, 'Ada Cors');
    const cookie = [...ada.b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const noCsrf = await t.app.request('/api/collections', { method: 'POST', headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(noCsrf.status).toBe(403);
    expect((await ada.session('POST', '/api/collections', { name: 'Mine' })).status).toBe(201);
    const byToken = await ada.api('POST', '/api/collections', { name: 'By token' });
    expect(byToken.status).toBe(201);
    expect(byToken.headers.get('access-control-allow-origin')).toBe('*');
  });
});
