// The polite fetcher against a local replay server: spacing, User-Agent, retries and give-ups.
import { afterEach, describe, expect, it } from 'vitest';
import { type ReplayRoute, type ReplayServer, startReplayServer } from '../../../test/replay-server.ts';
import { virtualClock } from './clock.ts';
import { createPoliteFetcher, type FetchLike, type PoliteFetcherOptions, type RetryNotice } from './polite-fetch.ts';
import { SourceError } from './source-error.ts';

const UA = 'Paperboy-test/0.1 (mailto:ops@example.org)';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(routes: ReplayRoute[], opts: Partial<PoliteFetcherOptions> = {}) {
  server = await startReplayServer(routes);
  const clock = virtualClock();
  const fetcher = createPoliteFetcher({ userAgent: UA, minIntervalMs: 3000, floorMs: 3000, maxRetries: 3, clock, random: () => 0, ...opts });
  return { srv: server, clock, fetcher };
}

describe('createPoliteFetcher', () => {
  it('refuses an interval below the floor and a User-Agent without a contact', () => {
    expect(() => createPoliteFetcher({ userAgent: UA, minIntervalMs: 1000, floorMs: 3000, maxRetries: 1 })).toThrow(/below the source's floor of 3000/);
    expect(() => createPoliteFetcher({ userAgent: 'Paperboy', minIntervalMs: 3000, floorMs: 3000, maxRetries: 1 })).toThrow(/contact/);
  });

  it('sends the User-Agent and returns status, body and headers', async () => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: { body: '<ok/>', headers: { 'x-test': 'yes' } } }]);
    const res = await fetcher.get(`${srv.url}/a`);
    expect(res).toMatchObject({ status: 200, body: '<ok/>' });
    expect(res.headers['x-test']).toBe('yes');
    expect(srv.requests[0]?.headers['user-agent']).toBe(UA);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const { srv, clock, fetcher } = await setup([
      { path: '/a', respond: [{ status: 429, headers: { 'retry-after': '7' } }, { body: 'done' }] },
    ]);
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe('done');
    expect(srv.requests).toHaveLength(2);
    expect(clock.sleeps[0]).toBe(7000);
  });

  it('honours Retry-After as an HTTP date, measured against the server Date', async () => {
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const later = 'Wed, 21 Oct 2015 07:28:42 GMT';
    const { srv, clock, fetcher } = await setup([
      { path: '/a', respond: [{ status: 503, headers: { date, 'retry-after': later } }, { body: 'done' }] },
    ]);
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe('done');
    expect(clock.sleeps[0]).toBe(42_000);
  });

  it('backs off exponentially on 503 without Retry-After, then gives up with a clear error', async () => {
    const { srv, clock, fetcher } = await setup([{ path: '/a', respond: { status: 503, body: 'busy' } }], { maxRetries: 3 });
    const err = await fetcher.get(`${srv.url}/a`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ retryable: true, status: 503, url: `${srv.url}/a` });
    expect((err as Error).message).toMatch(/HTTP 503; gave up after 4 attempts/);
    expect(srv.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([5000, 10_000, 20_000]);
  });

  it('says before each wait for a retry why, which retry it is, and for how long', async () => {
    const notices: unknown[] = [];
    const { srv, fetcher } = await setup([{ path: '/a', respond: [{ status: 502 }, { status: 429, headers: { 'retry-after': '7' } }, { body: 'done' }] }], { onRetry: (n) => notices.push(n) });
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe('done');
    expect(notices).toEqual([
      { url: `${srv.url}/a`, reason: `GET ${srv.url}/a: HTTP 502`, retry: 1, maxRetries: 3, waitMs: 5000 },
      { url: `${srv.url}/a`, reason: `GET ${srv.url}/a: HTTP 429`, retry: 2, maxRetries: 3, waitMs: 7000 },
    ]);
  });

  it('adds jitter to the backoff and caps it', async () => {
    const { srv, clock, fetcher } = await setup([{ path: '/a', respond: [{ status: 502 }, { status: 500 }, { status: 504 }, { body: 'ok' }] }], {
      random: () => 0.5,
      backoffCapMs: 8000,
    });
    expect((await fetcher.get(`${srv.url}/a`)).status).toBe(200);
    expect(clock.sleeps).toEqual([5500, 8800, 8800]);
  });

  it('fails at once when the server asks to wait longer than we are willing to', async () => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: { status: 429, headers: { 'retry-after': '86400' } } }]);
    await expect(fetcher.get(`${srv.url}/a`)).rejects.toThrow(/retry after 86400 s/);
    expect(srv.requests).toHaveLength(1);
  });

  it('retries a body cut short by a connection reset', async () => {
    const body = '<feed>' + 'x'.repeat(5000) + '</feed>';
    const { srv, fetcher } = await setup([{ path: '/a', respond: [{ body, cutAfterBytes: 1000 }, { body }] }]);
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe(body);
    expect(srv.requests).toHaveLength(2);
  });

  it('reports a body cut short on every attempt as a retryable error naming the cause', async () => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: { body: 'y'.repeat(5000), cutAfterBytes: 100 } }], { maxRetries: 1 });
    const err = (await fetcher.get(`${srv.url}/a`).catch((e: unknown) => e)) as SourceError;
    expect(err.message).toMatch(/HTTP 200 but the body was cut short.*gave up after 2 attempts/);
    expect(err.retryable).toBe(true);
  });

  it('retries a timeout', async () => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: [{ body: 'slow', delayMs: 1000 }, { body: 'fast' }] }], { timeoutMs: 150 });
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe('fast');
    expect(srv.requests).toHaveLength(2);
  });

  it('gives up on a host that refuses connections after two short retries, naming the host', async () => {
    let attempts = 0;
    const counting: FetchLike = (url, init) => (attempts++, fetch(url, init));
    const { srv, clock, fetcher } = await setup([], { maxRetries: 5, fetch: counting });
    const url = `${srv.url}/gone`;
    await srv.close();
    const err = (await fetcher.get(url).catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toMatch(new RegExp(`cannot connect to ${new URL(url).host} \\(ECONNREFUSED\\); gave up after 3 attempts: check the base URL`));
    expect(err.retryable).toBe(true);
    expect(attempts).toBe(3);
    // Short waits (1 s, then 2 s), stretched to the 3-second interval by the gate: 6 s in all.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(6000);
  });

  it('waits only the short connect backoff when the interval is shorter', async () => {
    const notices: RetryNotice[] = [];
    const { srv, clock, fetcher } = await setup([], { maxRetries: 5, minIntervalMs: 300, floorMs: 300, onRetry: (n) => notices.push(n) });
    const url = `${srv.url}/gone`;
    await srv.close();
    await expect(fetcher.get(url)).rejects.toThrow(/ECONNREFUSED.*gave up after 3 attempts/);
    expect(clock.sleeps).toEqual([1000, 2000]);
    // The notices count the two retries it gets, not the five a busy server would.
    expect(notices.map((n) => [n.retry, n.maxRetries, n.waitMs])).toEqual([[1, 2, 1000], [2, 2, 2000]]);
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])('treats %s as a host that cannot be reached', async (code) => {
    let attempts = 0;
    const failing: FetchLike = async () => {
      attempts++;
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
    };
    const clock = virtualClock();
    const fetcher = createPoliteFetcher({ userAgent: UA, minIntervalMs: 3000, floorMs: 3000, maxRetries: 5, clock, random: () => 0, fetch: failing });
    await expect(fetcher.get('https://export.arxiv.example/api/query')).rejects.toThrow(`cannot connect to export.arxiv.example (${code})`);
    expect(attempts).toBe(3);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(6000);
  });

  it('still gives a 503 every retry with the full backoff', async () => {
    const { srv, clock, fetcher } = await setup([{ path: '/a', respond: { status: 503 } }], { maxRetries: 5 });
    await expect(fetcher.get(`${srv.url}/a`)).rejects.toThrow(/HTTP 503; gave up after 6 attempts/);
    expect(srv.requests).toHaveLength(6);
    expect(clock.sleeps).toEqual([5000, 10_000, 20_000, 40_000, 80_000]);
  });

  it.each([400, 404])('does not retry HTTP %i and returns it to the caller', async (status) => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: { status, body: 'nope' } }]);
    expect(await fetcher.get(`${srv.url}/a`)).toMatchObject({ status, body: 'nope' });
    expect(srv.requests).toHaveLength(1);
  });

  it('spaces request starts by the interval on a virtual clock', async () => {
    const { srv, clock, fetcher } = await setup([{ path: '/a', respond: { body: 'ok' } }]);
    await Promise.all([fetcher.get(`${srv.url}/a`), fetcher.get(`${srv.url}/a`), fetcher.get(`${srv.url}/a`)]);
    expect(srv.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    for (const s of clock.sleeps) expect(s).toBeGreaterThanOrEqual(3000);
  });

  it('sends one request at a time: the next starts only after the previous answer', async () => {
    const { srv, fetcher } = await setup([{ path: '/a', respond: { body: 'ok', delayMs: 150 } }]);
    await Promise.all([1, 2, 3].map((i) => fetcher.get(`${srv.url}/a?i=${i}`)));
    const at = srv.requests.map((r) => r.at);
    for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(150);
  });

  it('takes every attempt through a given gate and tells it the pause the server asked for', async () => {
    const calls: string[] = [];
    const gate = {
      acquire: async (holdMs: number) => {
        calls.push(`acquire ${holdMs}`);
        return async (pauseMs?: number) => void calls.push(`release ${pauseMs}`);
      },
    };
    const { srv, fetcher } = await setup([{ path: '/a', respond: [{ status: 429, headers: { 'retry-after': '7' } }, { body: 'done' }] }], { gate, timeoutMs: 1000 });
    expect((await fetcher.get(`${srv.url}/a`)).body).toBe('done');
    expect(calls).toEqual(['acquire 6000', 'release 7000', 'acquire 6000', 'release 0']);
  });

  it('one at a time, with real time between arrivals at least the interval', async () => {
    server = await startReplayServer([{ path: '/a', respond: { body: 'ok' } }]);
    const fetcher = createPoliteFetcher({ userAgent: UA, minIntervalMs: 300, floorMs: 300, maxRetries: 0 });
    const srv = server;
    const t0 = performance.now();
    await Promise.all([1, 2, 3, 4].map((i) => fetcher.get(`${srv.url}/a?i=${i}`)));
    expect(srv.requests.map((r) => r.query['i'])).toEqual(['1', '2', '3', '4']);
    const at = srv.requests.map((r) => r.at);
    for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(300);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
