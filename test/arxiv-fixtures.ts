/** Recorded arXiv answers (see test/fixtures/arxiv/README.md), read for replay in tests. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

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
