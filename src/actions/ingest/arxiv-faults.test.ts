// arXiv ingestion against imperfect answers: deleted OAI records withdraw the papers we hold, one
// broken record is rejected with its reason while the rest of its page is stored, and a malformed
// answer (truncated XML, an HTML error page) leaves the store exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { type ReplayRoute, startReplayServer } from '../../../test/replay-server.ts';
import { ANNOUNCEMENTS, apiFixture, LIST_PAGE_1, LIST_PAGE_2 } from '../../../test/arxiv-fixtures.ts';
import { findPaper } from '../../db/papers.ts';
import { createArxivClient, parseOaiListRecords } from '../../sources/arxiv/index.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { ingestArxivAnnouncements, ingestArxivOai, ingestArxivQuery } from './arxiv.ts';

const FIRST = { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2016-10-20', set: 'cs' };
const NEXT = { verb: 'ListRecords', resumptionToken: '1403493|1001' };
const CATEGORIES = ['cs.DM', 'cs.CC', 'cs.DL', 'cs.IT', 'cs.LG', 'cs.DC'];

/** The real first page with one record broken: 0808.3386's title is empty. */
const BROKEN_PAGE_1 = LIST_PAGE_1.replace('<title>Linear Programming Formulation of the Boolean Satisfiability Problem</title>', '<title> </title>');

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

  it('rejects one broken OAI record with its reason and stores the rest of its page', async () => {
    await t.db.deleteFrom('paper_categories').execute();
    await t.db.deleteFrom('papers').execute();
    const expected = [...parseOaiListRecords(LIST_PAGE_1, 'arXivRaw').records, ...parseOaiListRecords(LIST_PAGE_2, 'arXivRaw').records]
      .filter((r) => r.categories.some((c) => CATEGORIES.includes(c)) && r.arxivId !== '0808.3386')
      .map((r) => r.arxivId)
      .sort();
    const { server, client } = await setup([
      { path: '/oai', query: FIRST, respond: { body: BROKEN_PAGE_1 } },
      { path: '/oai', query: NEXT, respond: { body: LIST_PAGE_2 } },
    ]);
    try {
      const seen: unknown[] = [];
      const withProgress = { ...env(), onProgress: (_s: string, _c: unknown, _n?: string, p?: unknown) => p && seen.push(p) };
      const [run] = await ingestArxivOai(withProgress, client, { categories: CATEGORIES, since: '2016-10-20' });
      expect(run).toMatchObject({ status: 'partial', rejected: 1, inserted: expected.length, errors: ['cs 0808.3386: title is empty'] });
      // The list's completeListSize gives the progress bar its total.
      expect(seen).toEqual([
        { done: 387, total: 1440, unit: 'records' },
        { done: 1440, total: 1440, unit: 'records' },
      ]);
      const ids = (await t.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
      expect(ids).toEqual(expected);
    } finally {
      await server.close();
    }
  });

  it('rejects one broken Atom entry (announcements, search API) and stores the others', async () => {
    const feed = ANNOUNCEMENTS.replace(/<title>ALIGN: [^<]*<\/title>/, '<title></title>');
    const page = apiFixture('q_testing_s0_m10_bc5a6c384fe9').replace('<id>http://arxiv.org/abs/2202.12139v1</id>', '<id>http://arxiv.org/abs/not-an-id</id>');
    const { server, client } = await setup([
      { path: '/atom/cs.AI', respond: { body: feed } },
      { path: '/api/query', respond: { body: page } },
    ]);
    try {
      const announced = await ingestArxivAnnouncements(env(), client, { categories: ['cs.AI'] });
      expect(announced).toMatchObject({ status: 'partial', rejected: 1, inserted: 6, errors: ['announcements 2508.13426: title is empty'] });
      expect(await findPaper(t.db, '2508.13426')).toBeUndefined();
      const query = await ingestArxivQuery(env(), client, { query: 'all:testing', max: 10 });
      expect(query).toMatchObject({ status: 'partial', rejected: 1, inserted: 9, requests: 1 });
      expect(query.errors).toEqual(['query http://arxiv.org/abs/not-an-id: id "http://arxiv.org/abs/not-an-id" is not an arXiv id']);
    } finally {
      await server.close();
    }
  });

  it('a harvest whose first request fails keeps the --since window: the next run without --since resumes it', async () => {
    const html = '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>Try later</body></html>';
    const broken = await setup([{ path: '/oai', respond: { body: html } }]);
    try {
      const [failed] = await ingestArxivOai(env(), broken.client, { categories: ['cs.RO'], since: '2016-10-20' });
      expect(failed?.status).toBe('failed');
    } finally {
      await broken.server.close();
    }
    const { server, client } = await setup([{ path: '/oai', query: FIRST, respond: { body: oaiPage(deleted('1601.00003')) } }]);
    try {
      const [resumed] = await ingestArxivOai(env(), client, { categories: ['cs.RO'] });
      expect(resumed).toMatchObject({ status: 'ok', requests: 1 });
      expect(server.requests.map((r) => r.query['from'])).toEqual(['2016-10-20']);
    } finally {
      await server.close();
    }
  });

  it('a malformed answer (truncated XML, an HTML error page) fails the run and changes nothing', async () => {
    const html = '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>Try later</body></html>';
    const snapshot = async () => ({
      papers: await t.db.selectFrom('papers').selectAll().orderBy('id').execute(),
      categories: await t.db.selectFrom('paper_categories').selectAll().orderBy('paper_id').orderBy('category').execute(),
      checkpoints: await t.db.selectFrom('ingest_checkpoints').select(['source', 'state']).orderBy('source').execute(),
    });
    for (const [what, body] of [
      ['truncated XML', LIST_PAGE_1.slice(0, 20_000)],
      ['an HTML page', html],
    ] as const) {
      const { server, client } = await setup([
        { path: '/oai', respond: { body } },
        { path: '/atom/cs.AI', respond: { body: what === 'an HTML page' ? html : ANNOUNCEMENTS.slice(0, 3000) } },
        { path: '/api/query', respond: { body: what === 'an HTML page' ? html : apiFixture('q_testing_s0_m10_bc5a6c384fe9').slice(0, 3000) } },
      ]);
      try {
        const before = await snapshot();
        const [harvest] = await ingestArxivOai(env(), client, { categories: CATEGORIES, since: '2016-10-20' });
        const announced = await ingestArxivAnnouncements(env(), client, { categories: ['cs.AI'] });
        const query = await ingestArxivQuery(env(), client, { query: `all:${what.replace(/ /g, '_')}`, max: 10 });
        // The one request made is counted, though it failed.
        expect(harvest?.requests, what).toBe(1);
        for (const run of [harvest, announced, query]) {
          expect(run?.status, what).toBe('failed');
          expect(run?.errors.at(-1), what).toMatch(what === 'an HTML page' ? /an HTML page \("503 Service Unavailable"\) where/ : /malformed XML/);
        }
        // Runs are recorded, but papers, categories and the other checkpoints are exactly as they
        // were; the harvest's keeps the window asked for, for the next run to resume.
        const after = await snapshot();
        const harvested = after.checkpoints.find((c) => c.source === harvest?.source);
        expect(JSON.parse(String(harvested?.state)), what).toMatchObject({ window: { from: '2016-10-20', token: null } });
        expect({ ...after, checkpoints: after.checkpoints.filter((c) => c !== harvested) }, what).toEqual({ ...before, checkpoints: before.checkpoints.filter((c) => c.source !== harvest?.source) });
      } finally {
        await server.close();
      }
    }
  });
});
