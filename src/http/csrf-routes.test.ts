// Every state change the app routes (POST, PUT, PATCH, DELETE: pages and JSON API alike), sent by a
// signed-in administrator's browser session without the CSRF value, is refused with 403 csrf before
// its handler runs; only the paths that carry their own signed token (CSRF_EXEMPT_PREFIXES) are
// left out. The routes are read from the app itself, so a route added later is checked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { person, type Person } from '../../test/signed-in.ts';
import { CSRF_EXEMPT_PREFIXES } from './csrf.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A concrete path for a route template: `:name{a|b}` takes its first choice, any other parameter a plausible value. */
function concrete(template: string): string {
  return template
    .replace(/:(\w+)\{([^}]*)\}/g, (_m, name: string, pattern: string) => (/^[\w|-]+$/.test(pattern) ? (pattern.split('|')[0] as string) : name === 'id' ? '2608.00001' : 'x'))
    .replace(/:(\w+)/g, (_m, name: string) => (name === 'id' || name === 'paperId' ? '2608.00001' : 'x'));
}

describe.each(DIALECTS)('CSRF on every state change (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.00001', feedDate: '2026-08-21' })]);
    admin = await person(t, 'Root Admin', 'admin');
  });
  afterAll(async () => t.close());

  it('refuses each unsafe route of the pages and the API sent with a session but without the CSRF value', async () => {
    const routes = [...new Set(t.app.routes.filter((r) => UNSAFE.has(r.method) && !r.path.includes('*')).map((r) => `${r.method} ${r.path}`))];
    const checked: string[] = [];
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const path = concrete(template);
      if (CSRF_EXEMPT_PREFIXES.some((p) => path.startsWith(p))) continue;
      const cookie = [...admin.b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const api = path.startsWith('/api/');
      const res = await t.app.request(path, {
        method,
        headers: { cookie, 'content-type': api ? 'application/json' : 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.99' },
        body: api ? '{}' : 'name=x',
      });
      expect(res.status, route).toBe(403);
      const text = await res.text();
      if (api) expect(JSON.parse(text), route).toMatchObject({ error: { code: 'csrf' } });
      else expect(text, route).toContain('This form has expired or did not come from this site.');
      checked.push(route);
    }
    // The app's forms and API calls, not a handful: the list above cannot come out empty unnoticed.
    expect(checked.length).toBeGreaterThan(60);
    for (const must of ['POST /signin', 'POST /signout', 'POST /comments', 'POST /papers/:id{.+}/vote', 'POST /settings/tokens', 'DELETE /api/collections/:id', 'POST /moderation/:kind/:op']) {
      expect(checked, must).toContain(must);
    }
  });
});
