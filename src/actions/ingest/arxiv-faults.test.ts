// arXiv ingestion against imperfect answers: deleted OAI records withdraw the papers we hold, one
// broken record is rejected with its reason while the rest of its page is stored, and a malformed
// answer (truncated XML, an HTML error page) leaves the store exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { type ReplayRoute, startReplayServer } from '../../../test/replay-server.ts';
import { findPaper } from '../../db/papers.ts';
import { createArxivClient } from '../../sources/arxiv/index.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { ingestArxivOai } from './arxiv.ts';

const FIRST = { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' };

/** A ListRecords page (arXivRaw) of the given <record> elements, with no resumption token. */
const oaiPage = (records: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2016-10-21T04:36:53Z</responseDate>` +
  `<request verb="ListRecords">http://export.arxiv.org/oai2</request><ListRecords>${records}<resumptionToken cursor="0" completeListSize="3"/></ListRecords></OAI-PMH>`;
const deleted = (id: string): string =>
  `<record><header status="deleted"><identifier>oai:arXiv.org:${id}</identifier><datestamp>2016-10-21</datestamp><setSpec>cs</setSpec></header></record>`;

async function setup(routes: ReplayRoute[]) {
  const server = await startReplayServer(routes);
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:t@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock() });
  const client = createArxivClient({ fetcher, oaiBaseUrl: `${server.url}/oai`, apiBaseUrl: `${server.url}/api/query`, rssBaseUrl: `${server.url}/atom` });
  return { server, client };
}

describe.each(DIALECTS)('arXiv ingestion of imperfect answers (%s)', (dialect) => {
  let t: TestDatabase;
  const env = () => ({ db: t.db, now: () => new Date('2016-10-22T01:00:00Z'), owner: 'test' });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('marks the papers of deleted OAI records withdrawn', async () => {
    await storePapers(t.db, [paperInput({ id: '1601.00001', version: 2, upvotes: 5 }), paperInput({ id: '1601.00002' })]);
    const { server, client } = await setup([{ path: '/oai', query: FIRST, respond: { body: oaiPage(deleted('1601.00001') + deleted('1601.09999')) } }]);
    try {
      const [run] = await ingestArxivOai(env(), client, { categories: ['cs.LG'], since: '2016-10-20' });
      expect(run).toMatchObject({ status: 'ok', inserted: 0, updated: 1 });
      expect(await findPaper(t.db, '1601.00001')).toMatchObject({ withdrawn: true, upvotes: 5, version: 2 });
      expect((await findPaper(t.db, '1601.00002'))?.withdrawn).toBe(false);
      // A paper arXiv deleted that we never had is not invented.
      expect(await findPaper(t.db, '1601.09999')).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
