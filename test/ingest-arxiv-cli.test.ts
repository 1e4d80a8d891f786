// `ingest arxiv --metadata-prefix arXiv`, run as a user runs it, against a recorded OAI-PMH answer
// in the arXiv format replayed locally; and a format arXiv does not offer is refused. A look-up of
// ids arXiv does not know names them and exits 3; the placeholder contact address is warned about;
// a failed request that is tried again says so on stderr, and waits arXiv's 3 seconds; requests
// carry the configured contact address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPaper } from '../src/db/papers.ts';
import { apiFixture, readArxivFixture } from './arxiv-fixtures.ts';
import { runCli } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

describe.each(DIALECTS)('ingest arxiv, run as a user runs it (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer([
      { path: '/api/query', query: { id_list: '1707.08567,2104.12255', start: '0', max_results: '2' }, respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } },
      {
        path: '/api/query',
        query: { id_list: '2104.12255', start: '0', max_results: '1' },
        respond: [{ status: 503, headers: { 'retry-after': '1' } }, { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') }],
      },
      {
        path: '/oai',
        query: { verb: 'ListRecords', metadataPrefix: 'arXiv', from: '2017-12-14', set: 'physics:hep-th' },
        respond: { body: readArxivFixture('oai/ListRecords-arXiv-hep-th.xml') },
      },
    ]);
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('harvests in the arXiv format when asked', async () => {
    const env = { ...t.env, ARXIV_OAI_URL: `${server.url}/oai`, LOG_LEVEL: 'warn', CONTACT_EMAIL: 'admin@example.org' };
    const r = await runCli(['ingest', 'arxiv', '--categories', 'hep-th', '--since', '2017-12-14', '--metadata-prefix', 'arXiv'], env);
    expect(r.stdout).toMatch(/arxiv-oai:physics:hep-th:hep-th finished: 1 requests, 3 new/);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('CONTACT_EMAIL');
    expect(server.requests.map((q) => q.query.metadataPrefix)).toEqual(['arXiv']);
    // The User-Agent names Paperboy and the contact address configured in CONTACT_EMAIL.
    expect(server.requests[0]?.headers['user-agent']).toBe('Paperboy/0.1 (self-hosted paper discovery; mailto:admin@example.org)');
    // The arXiv format's structured author names and dates.
    expect(await findPaper(t.db, '1412.8323')).toMatchObject({
      title: 'Toolbox for reconstructing quantum theory from rules on information acquisition',
      authors: ['Philipp A Hoehn'],
      publishedOn: '2014-12-29',
    });

    const bad = await runCli(['ingest', 'arxiv', '--metadata-prefix', 'oai_dc'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--metadata-prefix must be arXivRaw or arXiv, not "oai_dc"');
    expect(server.requests).toHaveLength(1);
  }, 60_000);

  it('names the ids arXiv does not know and exits 3', async () => {
    const env = { ...t.env, ARXIV_API_URL: `${server.url}/api/query`, LOG_LEVEL: 'warn', CONTACT_EMAIL: '' };
    const r = await runCli(['ingest', 'arxiv', '--ids', '1707.08567,arXiv:2104.12255v1'], env);
    expect(r.stderr).toContain('not found on arXiv: 1707.08567, 2104.12255');
    expect(r.stdout).toMatch(/arxiv-lookup finished PARTIALLY .*: 1 requests, 0 new/);
    expect(r.code).toBe(3);
    // Still the placeholder contact address: the run goes ahead, and the admin is told what to set.
    expect(r.stderr).toContain('set CONTACT_EMAIL to an address where arXiv and Hugging Face can reach you');
  }, 60_000);

  it('says on stderr when a request failed and is tried again, and then finishes', async () => {
    const env = { ...t.env, ARXIV_API_URL: `${server.url}/api/query`, LOG_LEVEL: 'warn', CONTACT_EMAIL: 'admin@example.org' };
    const r = await runCli(['ingest', 'arxiv', '--ids', '2104.12255'], env);
    expect(r.stderr).toContain('source request failed; retrying');
    expect(r.stderr).toContain('HTTP 503');
    expect(r.stderr).toContain('1 of 5');
    expect(r.stdout).toMatch(/arxiv-lookup finished: 1 requests \(2 attempts\), 1 new/);
    expect(r.code).toBe(0);
    // The retry came no sooner than arXiv's 3 seconds after the 503 was answered (the server's clock;
    // its Retry-After asked for less).
    const [busy, retry] = server.requests.filter((q) => q.query.id_list === '2104.12255');
    expect(busy && retry).toBeTruthy();
    expect((retry?.at ?? 0) - (busy?.doneAt ?? Infinity)).toBeGreaterThanOrEqual(3000);
  }, 60_000);
});
