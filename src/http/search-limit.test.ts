// The per-address search limit: counted in one-minute windows, answered with 429 and Retry-After
// on pages, fragments, the API and search feeds, per client address (an IPv6 one by its /64), never for
// pages without a query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCorpus } from '../../test/app.ts';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { searchLimiter } from './search-limit.ts';

describe('searchLimiter', () => {
  it('allows the limit in a minute, refuses the next with the seconds left, and starts again after it', () => {
    const hit = searchLimiter(3);
    for (let i = 0; i < 3; i++) hit('a', 1_000 + i);
    expect(() => hit('a', 21_000)).toThrow(expect.objectContaining({ status: 429, retryAfterSeconds: 40 }));
    hit('b', 21_000);
    hit('a', 61_000);
  });

  it('does nothing at 0', () => {
    const hit = searchLimiter(0);
    for (let i = 0; i < 1000; i++) hit('a', i);
  });
});

describe.each(DIALECTS)('search rate limit (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, pageCorpus(), { SEARCH_RATE_LIMIT: '4', TRUST_PROXY: '1' });
  });
  afterAll(async () => t.close());

  const from = (ip: string, path: string) => t.app.request(path, { headers: { 'x-forwarded-for': ip } });

  it('counts every kind of search against the address, and only searches', async () => {
    for (const path of ['/papers?q=speculative', '/papers?q=speculative&offset=2&fragment=1', '/api/papers/search?q=kv', '/feeds/search.atom?q=kv']) {
      expect((await from('192.0.2.1', path)).status, path).toBe(200);
    }
    // Pages without a query are not searches.
    expect((await from('192.0.2.1', '/papers')).status).toBe(200);
    expect((await from('192.0.2.1', '/')).status).toBe(200);
    const api = await from('192.0.2.1', '/api/papers/search?q=kv');
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await api.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const page = await from('192.0.2.1', '/papers?q=speculative');
    expect(page.status).toBe(429);
    const limited = await page.text();
    expect(limited).toContain('<h1>Too many requests</h1>');
    expect(limited).toContain('Too many searches from your address. Please try again in');
    // Another address is not affected.
    expect((await from('192.0.2.2', '/papers?q=speculative')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, so a fresh address of the same network is no way around it', async () => {
    for (let i = 1; i <= 4; i++) expect((await from(`2001:db8:7:7::${i}`, '/api/papers/search?q=kv')).status).toBe(200);
    expect((await from('2001:db8:7:7:abcd:ef01:2345:6789', '/api/papers/search?q=kv')).status).toBe(429);
    expect((await from('2001:db8:7:8::1', '/api/papers/search?q=kv')).status).toBe(200);
    // A dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d: the same client either way.
    const bySocket = (address: string) => t.app.request('/api/papers/search?q=kv', {}, { incoming: { socket: { remoteAddress: address } } });
    for (let i = 0; i < 4; i++) expect((await bySocket('192.0.2.50')).status).toBe(200);
    expect((await bySocket('::ffff:192.0.2.50')).status).toBe(429);
  });
});
