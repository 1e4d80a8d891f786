// Pages are safe with hostile data and under the strict CSP: payloads in every text field come
// out as text, no inline scripts or style attributes anywhere, assets are served with the right
// types and cache headers, and oversized request bodies are refused before anything reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCorpus, XSS } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { MAX_BODY_BYTES } from '../app.ts';
import { assetUrl } from '../assets.ts';
import { escapeHtml } from './math.ts';

/** Every start tag in a page as its name and attribute names, parsed the way a browser would. */
function startTags(html: string): { name: string; attrs: string[] }[] {
  const out: { name: string; attrs: string[] }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:=(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g)) {
    out.push({ name: (m[1] ?? '').toLowerCase(), attrs: [...(m[2] ?? '').matchAll(/\s+([^\s=>/]+)(?:=(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((a) => (a[1] ?? '').toLowerCase()) });
  }
  return out;
}

const PAGES = ['/', '/papers/date/2026-08-19', '/papers/week/2026-W34', '/papers/2608.00105', '/papers?q=evil', '/papers/2608.00102', '/papers/nope'];

describe.each(DIALECTS)('page security (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, pageCorpus());
  });
  afterAll(async () => t.close());

  const get = async (path: string): Promise<{ html: string; res: Response }> => {
    const res = await t.app.request(path);
    return { res, html: await res.text() };
  };

  it('shows XSS payloads in title, abstract, authors and organization as text', async () => {
    for (const path of ['/papers/date/2026-08-19', '/papers/2608.00105']) {
      const { html } = await get(path);
      for (const payload of Object.values(XSS)) expect(html, path).not.toContain(payload);
      expect(html).not.toMatch(/<img|<script>|<b>|<i /);
      expect(startTags(html).some((tag) => tag.attrs.some((a) => a.startsWith('on')))).toBe(false);
      expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;Evil &lt;script&gt;window.__xss=2&lt;/script&gt; title');
      expect(html).toContain('&lt;i onmouseover=&quot;window.__xss=5&quot;&gt;Evil Org&lt;/i&gt;');
    }
    const { html } = await get('/papers/2608.00105');
    expect(html).toContain('>&lt;script&gt;window.__xss=4&lt;/script&gt;Mallory</a><a class="author-feed"');
    expect(html).toContain('href="/authors/%3Cscript%3Ewindow.__xss%3D4%3C%2Fscript%3EMallory"');
    expect(html).toContain(`Bold ${escapeHtml('<b>claims</b>')} and <span class="math">`);
  });

  it.each(PAGES)('%s has no inline script, inline style or style attribute, and a strict CSP', async (path) => {
    const { html, res } = await get(path);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // No page may be framed (clickjacking), said both ways.
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // No shared cache keeps a page (with its CSRF value) for another browser.
    expect(res.headers.get('cache-control')).toBe('private');
    const tags = startTags(html);
    expect(tags.length).toBeGreaterThan(20);
    for (const tag of tags) {
      expect(['style', 'img', 'iframe', 'object'], tag.name).not.toContain(tag.name);
      if (tag.name === 'script') expect(tag.attrs).toContain('src');
      expect(tag.attrs.filter((a) => a === 'style' || a.startsWith('on')), tag.name).toEqual([]);
    }
  });

  it('serves assets with content types and cache headers', async () => {
    const css = await t.app.request(assetUrl('app.css'));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    const stale = await t.app.request('/assets/app.css?v=old');
    expect(stale.headers.get('cache-control')).toBe('public, max-age=300');
    const js = await t.app.request(assetUrl('more.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const katexCss = await (await t.app.request(assetUrl('katex/katex.min.css'))).text();
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2)\)/.exec(katexCss)?.[1];
    expect(font).toBeDefined();
    const fontRes = await t.app.request(`/assets/katex/${font}`);
    expect(fontRes.status).toBe(200);
    expect(fontRes.headers.get('content-type')).toBe('font/woff2');
    expect(fontRes.headers.get('cache-control')).toContain('max-age=31536000');
    expect((await t.app.request('/assets/../package.json')).status).toBe(404);
    expect((await t.app.request('/assets/nope.js')).status).toBe(404);
  });

  it('refuses request bodies over the limit, announced or streamed, with a 413 and stores nothing', async () => {
    const big = `email=${'a'.repeat(MAX_BODY_BYTES)}%40example.org`;
    const announced = await t.app.request('/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    expect(announced.status).toBe(413);
    expect(await announced.text()).toContain('too large');
    // Streamed without a length: cut off once the limit is passed.
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 16 * MAX_BODY_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await t.app.request('/api/papers/2608.00105/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(sent).toBeLessThan(2 * MAX_BODY_BYTES);
    const subscribers = await t.database.db.selectFrom('subscribers').select('email').execute();
    expect(subscribers).toEqual([]);
    // A form body that does not match its content type is the client's mistake, page or API.
    for (const path of ['/signout', '/api/papers/2608.00105/vote']) {
      const garbled = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: 'garbage' });
      expect(garbled.status, path).toBe(400);
    }
    // A streamed form over the limit is still a 413.
    const formStream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk);
      },
    });
    const streamedForm = await t.app.request('/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formStream, duplex: 'half' } as RequestInit);
    expect(streamedForm.status).toBe(413);
    // A normal form still goes through to the CSRF check.
    const small = await t.app.request('/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40example.org' });
    expect(small.status).toBe(403);
  });
});
