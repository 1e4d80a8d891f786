/** Recorded arXiv answers (see test/fixtures/arxiv/README.md), read for replay in tests. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ReplayRoute } from './replay-server.ts';

/** A fixture's text; `.gz` files are unzipped. */
export const readArxivFixture = (p: string): string => {
  const buf = readFileSync(new URL(`./fixtures/arxiv/${p}`, import.meta.url));
  return (p.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};

/** A real ListRecords page (arXivRaw, 387 records) ending with resumptionToken 1403493|1001. */
export const LIST_PAGE_1 = readArxivFixture('oai/ListRecords-arXivRaw.xml.gz');

/** The last page of the same harvest: the GetRecord fixture's record in a ListRecords answer with an empty token. */
export const LIST_PAGE_2 = readArxivFixture('oai/GetRecord-arXivRaw.xml')
  .replace('<GetRecord>', '<ListRecords>')
  .replace('</GetRecord>', '<resumptionToken cursor="1001" completeListSize="1440"/></ListRecords>');

/** The OAI-PMH answer to an expired token, as the specification gives it. */
export const BAD_TOKEN = `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-01T00:00:00Z</responseDate><request verb="ListRecords">http://export.arxiv.org/oai2</request><error code="badResumptionToken">Invalid or expired resumption token</error></OAI-PMH>`;

/** The OAI-PMH answer to a window with no records, as the specification gives it. */
export const NO_RECORDS = BAD_TOKEN.replace('code="badResumptionToken">Invalid or expired resumption token', 'code="noRecordsMatch">No records match');

/** An export.arxiv.org/api/query answer by name. */
export const apiFixture = (name: string): string => readArxivFixture(`api/${name}.xml`);

/** rss.arxiv.org/atom/cs.AI of 2025-08-20. */
export const ANNOUNCEMENTS = readArxivFixture('rss/cs.AI-2025-08-20.atom.xml');

/** The first entry of ANNOUNCEMENTS made into the announcement of another paper, version and type. */
function announced(id: string, version: number, type: string, title: string): string {
  const first = /<entry>[\s\S]*?<\/entry>/.exec(ANNOUNCEMENTS)?.[0] as string;
  return first
    .replaceAll('2508.13426v1', `${id}v${version}`)
    .replaceAll('2508.13426', id)
    .replace('Announce Type: cross', `Announce Type: ${type}`)
    .replace('<arxiv:announce_type>cross<', `<arxiv:announce_type>${type}<`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`);
}

/**
 * ANNOUNCEMENTS with two replacements after its entries, as the feed lists them (derived from its
 * first entry): 2401.00001v3 (replace) and 2401.00002v2 (replace-cross), papers of January 2024.
 */
export const ANNOUNCEMENTS_WITH_REPLACEMENTS = ANNOUNCEMENTS.replace(
  '</feed>',
  `${announced('2401.00001', 3, 'replace', 'Word Association Learning, Revised')}\n${announced('2401.00002', 2, 'replace-cross', 'An Older Paper, Replaced')}\n</feed>`,
);

/** Replay routes for every arXiv endpoint at once: an id look-up, the cs.AI announcements, and a two-page OAI-PMH harvest. */
export const ALL_ARXIV_ROUTES: ReplayRoute[] = [
  { path: '/api/query', respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } },
  { path: '/atom/cs.AI', respond: { body: ANNOUNCEMENTS } },
  { path: '/oai', query: { verb: 'ListRecords', resumptionToken: '1403493|1001' }, respond: { body: LIST_PAGE_2 } },
  { path: '/oai', respond: { body: LIST_PAGE_1 } },
];
