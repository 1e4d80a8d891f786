// OAI-PMH parsing on real arXiv answers (arXivRaw and arXiv formats) and real OAI errors.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../http/source-error.ts';
import { OaiError, parseOaiGetRecord, parseOaiListRecords } from './oai.ts';

const fixture = (name: string): string => {
  const buf = readFileSync(new URL(`../../../test/fixtures/arxiv/oai/${name}`, import.meta.url));
  return (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};
const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
};
const oaiError = (code: string, text = 'message') =>
  `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-01T00:00:00Z</responseDate><request verb="ListRecords">http://export.arxiv.org/oai2</request><error code="${code}">${text}</error></OAI-PMH>`;

describe('parseOaiListRecords (arXivRaw)', () => {
  const page = parseOaiListRecords(fixture('ListRecords-arXivRaw.xml.gz'), 'arXivRaw');

  it('reads every record, the resumption token and the list size', () => {
    expect(page.records).toHaveLength(387);
    expect(page.resumptionToken).toBe('1403493|1001');
    expect(page.completeListSize).toBe(1440);
    expect(page.cursor).toBe(0);
    expect(page.datestampHighWater).toBe('2016-10-21');
    expect(page.deletedIds).toEqual([]);
    expect(page.records.slice(0, 3).map((r) => r.arxivId)).toEqual(['0803.4354', '0808.3386', '0910.4952']);
    expect(page.records.at(-1)?.arxivId).toBe('1606.07946');
  });

  it('takes versions, dates, title and authors field by field', () => {
    const first = page.records[0];
    expect(first).toMatchObject({
      arxivId: '0803.4354',
      version: 6,
      title: 'A O(n^8) X O(n^7) Linear Programming Model of the Traveling Salesman Problem',
      authors: ['Moustapha Diaby'],
      categories: ['cs.DM'],
      publishedOn: '2008-03-30',
      updatedOn: '2016-10-20',
      datestamp: '2016-10-21',
      doi: null,
      journalRef: null,
      announceType: null,
    });
    expect(first?.abstract).toMatch(/^In this paper, we present a new linear programming \(LP\) formulation of the Traveling Salesman Problem \(TSP\)\. /);
    expect(first?.abstract).not.toMatch(/\s{2}|\n/);
    const last = page.records.at(-1);
    expect(last).toMatchObject({ version: 1, publishedOn: '2016-06-25', updatedOn: null, journalRef: 'J. Number Theory 172 (2017) 1-20', comments: '20 pages' });
    // LaTeX is kept as written.
    expect(last?.abstract).toContain('$\\sqrt{c (\\varphi ) \\log n}$');
  });

  it('marks withdrawn papers: a 0kb latest version, or a withdrawal notice', () => {
    const withdrawn = page.records.filter((r) => r.withdrawn).map((r) => r.arxivId);
    expect(withdrawn).toEqual(['0803.4354', '0808.3386', '1502.02762', '1505.00300', '1603.06854', '1605.00928']);
    expect(page.records.find((r) => r.arxivId === '0808.3386')?.comments).toMatch(/^This paper has been withdrawn\./);
  });

  it('splits multi-line author lists', () => {
    const rec = parseOaiGetRecord(fixture('GetRecord-arXivRaw.xml'), 'arXivRaw');
    expect(rec).toMatchObject({
      arxivId: '0804.2273',
      version: 1,
      title: 'Object Re-Use & Exchange: A Resource-Centric Approach',
      authors: ['Carl Lagoze', 'Herbert Van de Sompel', 'Michael L. Nelson', 'Simeon Warner', 'Robert Sanderson', 'Pete Johnston'],
      categories: ['cs.DL', 'cs.NI'],
      publishedOn: '2008-04-14',
      datestamp: '2008-04-16',
      withdrawn: false,
    });
  });
});

describe('parseOaiListRecords (arXiv format)', () => {
  it('reads structured authors, created/updated dates, and a last page without a token', () => {
    const page = parseOaiListRecords(fixture('ListRecords-arXiv-hep-th.xml'), 'arXiv');
    expect(page.resumptionToken).toBeNull();
    expect(page.records.map((r) => [r.arxivId, r.publishedOn, r.updatedOn])).toEqual([
      ['1412.8323', '2014-12-29', '2017-12-13'],
      ['1507.07790', '2015-07-28', '2016-03-04'],
      ['1607.01710', '2016-07-06', '2016-10-13'],
    ]);
    const first = page.records[0];
    expect(first?.authors).toEqual(['Philipp A Hoehn']);
    expect(first?.title).toBe('Toolbox for reconstructing quantum theory from rules on information acquisition');
    expect(first?.categories).toEqual(['quant-ph', 'gr-qc', 'hep-th', 'math-ph', 'math.MP', 'physics.hist-ph']);
    // The arXiv format lists no versions: an updated paper's version is unknown.
    expect(first?.version).toBeNull();
  });

  it('reads old-style ids and DOIs', () => {
    const rec = parseOaiGetRecord(fixture('GetRecord-arXiv-physics-0112006.xml'), 'arXiv');
    expect(rec).toMatchObject({
      arxivId: 'physics/0112006',
      version: 1,
      authors: ['G. Fiorentini', 'L. Okun', 'M. Vysotsky'],
      categories: ['physics.class-ph', 'physics.gen-ph'],
      publishedOn: '2001-12-04',
      updatedOn: null,
      datestamp: '2009-11-07',
      doi: '10.1134/1.1533770',
      comments: '2 pages',
    });
  });
});

describe('OAI errors and bad input', () => {
  it('turns a real idDoesNotExist answer into an OaiError with its code', () => {
    const err = caught(() => parseOaiGetRecord(fixture('error-idDoesNotExist.xml'), 'arXiv'));
    expect(err).toBeInstanceOf(OaiError);
    expect(err).toMatchObject({ code: 'idDoesNotExist', retryable: false });
    expect((err as Error).message).toMatch(/idDoesNotExist: Identifier 'oai:arXiv.org:1305.9999' has correct form/);
  });

  it('treats noRecordsMatch as an empty last page', () => {
    expect(parseOaiListRecords(oaiError('noRecordsMatch'), 'arXivRaw')).toMatchObject({ records: [], resumptionToken: null, completeListSize: 0 });
  });

  it.each(['badResumptionToken', 'badArgument', 'cannotDisseminateFormat'])('throws OaiError %s', (code) => {
    expect(() => parseOaiListRecords(oaiError(code), 'arXivRaw')).toThrow(OaiError);
    expect(() => parseOaiListRecords(oaiError(code), 'arXivRaw')).toThrow(new RegExp(`OAI-PMH error ${code}`));
  });

  it('lists deleted records apart and still counts their datestamp', () => {
    const xml = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
      <record><header status="deleted"><identifier>oai:arXiv.org:hep-th/9901001</identifier><datestamp>2024-02-03</datestamp></header></record>
      <resumptionToken cursor="1000" completeListSize="1001"/></ListRecords></OAI-PMH>`;
    expect(parseOaiListRecords(xml, 'arXivRaw')).toMatchObject({ records: [], deletedIds: ['hep-th/9901001'], datestampHighWater: '2024-02-03', resumptionToken: null, cursor: 1000 });
  });

  it('rejects truncated XML with a clear error instead of a partial page', () => {
    const full = fixture('ListRecords-arXivRaw.xml.gz');
    const cut = full.slice(0, Math.floor(full.length / 2));
    expect(() => parseOaiListRecords(cut, 'arXivRaw', 'https://oai.example/oai')).toThrow(
      /^malformed XML \(line \d+: .*\) where an OAI-PMH ListRecords answer was expected \(https:\/\/oai.example\/oai\)$/,
    );
  });

  it('rejects an HTML error page, an empty body and the wrong document', () => {
    const html = '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><p>Down for maintenance<br></body></html>';
    expect(() => parseOaiListRecords(html, 'arXivRaw')).toThrow(/an HTML page \("503 Service Unavailable"\) where an OAI-PMH ListRecords answer was expected/);
    expect(() => parseOaiListRecords('  ', 'arXivRaw')).toThrow(/empty answer where an OAI-PMH/);
    expect(() => parseOaiListRecords('<feed></feed>', 'arXivRaw')).toThrow(/root <feed>/);
    expect(caught(() => parseOaiListRecords('', 'arXivRaw'))).toMatchObject({ name: 'SourceError', retryable: false });
    expect(caught(() => parseOaiListRecords('', 'arXivRaw'))).toBeInstanceOf(SourceError);
  });

  it('refuses to read arXivRaw metadata as the arXiv format', () => {
    expect(() => parseOaiGetRecord(fixture('GetRecord-arXivRaw.xml'), 'arXiv')).toThrow(/has no <arXiv> metadata/);
  });
});
