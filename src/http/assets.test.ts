// Assets: a missing one answers the site's 404 page in its frame (the configured name, the
// signed-in visitor's menu), like any other missing page; real ones keep their types and caching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { person, type Person } from '../../test/signed-in.ts';
import { assetUrl } from './assets.ts';

describe.each(DIALECTS)('assets (%s)', (dialect) => {
  let t: TestApp;
  let ada: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect, [], { SITE_NAME: 'Morning Papers' });
    ada = await person(t, 'Ada Reader');
  });
  afterAll(async () => t.close());

  it('answers a missing asset with the framed 404 page, for visitors and the signed-in', async () => {
    for (const path of ['/assets/nope.js', '/assets/katex/fonts/nope.woff2', '/assets/app.css/extra']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('<title>Page not found · Morning Papers</title>');
      expect(html).toContain('<h1>Page not found</h1>');
      expect(html).toContain('There is no file at this address.');
    }
    const signedIn = await ada.b.get('/assets/nope.js');
    expect(signedIn.status).toBe(404);
    const html = await signedIn.text();
    expect(html).toContain('<span class="user-name">Ada Reader</span>');
    expect(html).toContain('<title>Page not found · Morning Papers</title>');
  });

  it('serves real assets with their types and cache headers, as before', async () => {
    const hashed = await t.app.request(assetUrl('app.css'));
    expect([hashed.status, hashed.headers.get('content-type'), hashed.headers.get('cache-control')]).toEqual([200, 'text/css; charset=utf-8', 'public, max-age=31536000, immutable']);
    const unhashed = await ada.b.get('/assets/more.js');
    expect([unhashed.status, unhashed.headers.get('content-type'), unhashed.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=300']);
    expect(unhashed.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
