// `ingest arxiv --metadata-prefix arXiv`, run as a user runs it, against a recorded OAI-PMH answer
// in the arXiv format replayed locally; and a format arXiv does not offer is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPaper } from '../src/db/papers.ts';
import { readArxivFixture } from './arxiv-fixtures.ts';
import { runCli } from './cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

describe.each(DIALECTS)('ingest arxiv --metadata-prefix (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer([
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
    const env = { ...t.env, ARXIV_OAI_URL: `${server.url}/oai`, LOG_LEVEL: 'warn' };
    const r = await runCli(['ingest', 'arxiv', '--categories', 'hep-th', '--since', '2017-12-14', '--metadata-prefix', 'arXiv'], env);
    expect(r.stdout).toMatch(/arxiv-oai:physics:hep-th:hep-th finished: 1 requests, 3 new/);
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.query.metadataPrefix)).toEqual(['arXiv']);
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
});
