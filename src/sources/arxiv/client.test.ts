// The arXiv client against a local server replaying recorded arXiv answers (virtual clock).
import { afterEach, describe, expect, it } from 'vitest';
import { apiFixture, BAD_TOKEN, LIST_PAGE_1, LIST_PAGE_2, readArxivFixture as read } from '../../../test/arxiv-fixtures.ts';
import { type ReplayRoute, type ReplayServer, startReplayServer } from '../../../test/replay-server.ts';
import { virtualClock } from '../http/clock.ts';
import { createPoliteFetcher } from '../http/polite-fetch.ts';
import { SourceError } from '../http/source-error.ts';
import { ArxivApiError } from './atom.ts';
import { createArxivClient } from './client.ts';
import { OaiError } from './oai.ts';

const api = apiFixture;
const UA = 'Paperboy-test/0.1 (+https://example.org/paperboy; ops@example.org)';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(routes: ReplayRoute[]) {
  server = await startReplayServer(routes);
  const clock = virtualClock();
  const fetcher = createPoliteFetcher({ userAgent: UA, minIntervalMs: 3000, floorMs: 3000, maxRetries: 2, clock, random: () => 0 });
  const client = createArxivClient({ fetcher, oaiBaseUrl: `${server.url}/oai`, apiBaseUrl: `${server.url}/api/query`, rssBaseUrl: `${server.url}/atom` });
  return { srv: server, clock, client };
}

describe('harvest', () => {
  const first = { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' };
  const next = { verb: 'ListRecords', resumptionToken: '1403493|1001' };

  it('follows resumption tokens page by page, politely', async () => {
    const { srv, clock, client } = await setup([
      { path: '/oai', query: first, respond: { body: LIST_PAGE_1 } },
      { path: '/oai', query: next, respond: { body: LIST_PAGE_2 } },
    ]);
    const pages = [];
    for await (const page of client.harvest({ set: 'cs', from: '2016-10-20', prefix: 'arXivRaw' })) {
      // The next page is only asked for when the caller has taken (and checkpointed) this one.
      expect(srv.requests).toHaveLength(pages.length + 1);
      pages.push(page);
    }
    expect(pages.map((p) => [p.records.length, p.resumptionToken, p.completeListSize, p.datestampHighWater])).toEqual([
      [387, '1403493|1001', 1440, '2016-10-21'],
      [1, null, 1440, '2008-04-16'],
    ]);
    expect(pages[1]?.records[0]?.arxivId).toBe('0804.2273');
    expect(srv.requests.map((r) => r.headers['user-agent'])).toEqual([UA, UA]);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('resumes from a checkpointed token without the window arguments', async () => {
    const { srv, client } = await setup([{ path: '/oai', query: next, respond: { body: LIST_PAGE_2 } }]);
    const pages = [];
    for await (const p of client.harvest({ from: '2016-10-20', resumptionToken: '1403493|1001' })) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(srv.requests[0]?.query).toEqual(next);
  });

  it('reports an expired token as OaiError badResumptionToken so the window can restart', async () => {
    const { client } = await setup([{ path: '/oai', respond: { body: BAD_TOKEN } }]);
    const err = await (async () => {
      for await (const p of client.harvest({ from: '2016-10-20', resumptionToken: 'stale' })) void p;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OaiError);
    expect(err).toMatchObject({ code: 'badResumptionToken' });
  });

  it('surfaces an OAI error sent with an HTTP error status', async () => {
    const { client } = await setup([{ path: '/oai', respond: { status: 400, body: read('oai/error-idDoesNotExist.xml') } }]);
    await expect(client.harvest({ from: '2016-10-20' }).next()).rejects.toMatchObject({ name: 'OaiError', code: 'idDoesNotExist' });
  });

  it('retries a 503 and a reset mid-body, then reads the page', async () => {
    const { srv, client } = await setup([
      { path: '/oai', respond: [{ status: 503, headers: { 'retry-after': '1' } }, { body: LIST_PAGE_2, cutAfterBytes: 300 }, { body: LIST_PAGE_2 }] },
    ]);
    const page = await client.harvest({ from: '2016-10-20' }).next();
    expect(page.value?.records).toHaveLength(1);
    expect(srv.requests).toHaveLength(3);
  });

  it('fails clearly on an HTML page or a truncated answer', async () => {
    const html = '<!DOCTYPE html><html><head><title>arXiv is down for maintenance</title></head><body></body></html>';
    const { client } = await setup([
      { path: '/oai', query: { ...first, set: 'math' }, respond: { body: html } },
      { path: '/oai', query: first, respond: { body: LIST_PAGE_1.slice(0, 20_000) } },
    ]);
    await expect(client.harvest({ from: '2016-10-20', set: 'math' }).next()).rejects.toThrow(/HTML page \("arXiv is down for maintenance"\) where an OAI-PMH ListRecords answer/);
    await expect(client.harvest({ from: '2016-10-20', set: 'cs' }).next()).rejects.toThrow(/^malformed XML .* where an OAI-PMH ListRecords answer was expected \(http:\/\/127/);
  });
});

describe('lookup', () => {
  it('looks ids up with id_list and max_results', async () => {
    const { srv, client } = await setup([
      { path: '/api/query', query: { id_list: 'astro-ph/0601001', start: '0', max_results: '1' }, respond: { body: api('id_astro-ph_0601001_s0_m100_3150dca9dc76') } },
    ]);
    const records = await client.lookup(['astro-ph/0601001']);
    expect(records.map((r) => [r.arxivId, r.version, r.publishedOn])).toEqual([['astro-ph/0601001', 1, '2006-01-02']]);
    expect(srv.requests).toHaveLength(1);
  });

  it('asks in batches of at most 100 ids', async () => {
    const { srv, client } = await setup([{ path: '/api/query', respond: { body: api('id_0000.0000_s0_m100_8b51d9633a68') } }]);
    const ids = Array.from({ length: 150 }, (_, i) => `2501.${String(i).padStart(5, '0')}`);
    expect(await client.lookup(ids)).toEqual([]);
    expect(srv.requests.map((r) => [r.query['id_list']?.split(',').length, r.query['max_results']])).toEqual([
      [100, '100'],
      [50, '50'],
    ]);
  });

  it('refuses text that is not an arXiv id before asking, and surfaces API errors', async () => {
    const { srv, client } = await setup([{ path: '/api/query', respond: { status: 400, body: api('id_abc_s0_m100_b79c8dcf6bc3') } }]);
    await expect(client.lookup(['abc'])).rejects.toThrow(/not arXiv ids: abc/);
    expect(srv.requests).toHaveLength(0);
    await expect(client.lookup(['2501.00001'])).rejects.toThrow(ArxivApiError);
  });

  it('does not retry a 404 and says what failed', async () => {
    const { srv, client } = await setup([]);
    const err = await client.lookup(['2501.00001']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ status: 404, retryable: false });
    expect(srv.requests).toHaveLength(1);
  });
});

describe('query', () => {
  it('pages with start and max_results until it has enough', async () => {
    const page = (start: number, body: string): ReplayRoute => ({
      path: '/api/query',
      query: { search_query: 'testing', start: String(start), max_results: '10' },
      respond: { body: api(body) },
    });
    const { srv, client } = await setup([
      page(0, 'q_testing_s0_m10_bc5a6c384fe9'),
      page(10, 'q_testing_s10_m10_34e56e15aaac'),
      page(20, 'q_testing_s20_m10_348a237fecab'),
    ]);
    const pages = [];
    for await (const p of client.query('testing', { maxResults: 30, pageSize: 10 })) pages.push(p);
    expect(pages.map((p) => [p.startIndex, p.records.length, p.totalResults])).toEqual([
      [0, 10, 214881],
      [10, 10, 214881],
      [20, 10, 214881],
    ]);
    expect(pages[1]?.records[0]?.arxivId).toBe('2403.16981');
    expect(srv.requests).toHaveLength(3);
  });

  it('stops at the end of the results', async () => {
    const { srv, client } = await setup([{ path: '/api/query', respond: { body: api('id_astro-ph_0601001_s0_m100_3150dca9dc76') } }]);
    const pages = [];
    for await (const p of client.query('au:Gould', { maxResults: 500, pageSize: 100 })) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(srv.requests).toHaveLength(1);
  });
});

describe('announcements', () => {
  it('reads the feed of one category or several joined with +', async () => {
    const body = read('rss/cs.AI-2025-08-20.atom.xml');
    const { srv, client } = await setup([
      { path: '/atom/cs.AI', respond: { body } },
      { path: '/atom/cs.AI+cs.LG', respond: { body } },
    ]);
    const { records, rejected } = await client.announcements(['cs.AI']);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records.filter((r) => r.announceType === 'new').map((r) => r.arxivId)).toEqual(['2508.14001', '2508.14002']);
    expect((await client.announcements(['cs.AI', 'cs.LG'])).records).toHaveLength(7);
    expect(srv.requests.map((r) => r.path)).toEqual(['/atom/cs.AI', '/atom/cs.AI+cs.LG']);
    await expect(client.announcements(['../etc'])).rejects.toThrow(/expected arXiv categories/);
  });
});
