// Parsing of real export.arxiv.org/api/query answers: look-ups, search pages and API errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArxivApiError, parseArxivAtom } from './atom.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/arxiv/api/${name}.xml`, import.meta.url), 'utf8');

describe('parseArxivAtom', () => {
  it('reads an old-style id look-up field by field', () => {
    const page = parseArxivAtom(fixture('id_astro-ph_0601001_s0_m100_3150dca9dc76'));
    expect(page).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 100 });
    expect(page.records).toHaveLength(1);
    const r = page.records[0];
    expect(r).toMatchObject({
      arxivId: 'astro-ph/0601001',
      version: 1,
      title: 'Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina',
      authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'],
      categories: ['astro-ph'],
      publishedOn: '2006-01-02',
      updatedOn: null,
      datestamp: null,
      journalRef: 'ActaAstron.56:1-50,2006',
      doi: null,
      withdrawn: false,
    });
    expect(r?.comments).toMatch(/^62 pages including 16 figures and 9 tables\./);
    // Entities decoded, leading indentation gone.
    expect(r?.abstract).toMatch(/^We derive the frequencies of hot Jupiters/);
    expect(r?.abstract).toContain('Gould & Morgan (2003)');
    expect(r?.abstract).toContain('V_max<17.5');
  });

  it('returns only the ids that exist in a multi-id look-up', () => {
    const page = parseArxivAtom(fixture('id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af'));
    expect(page.totalResults).toBe(1);
    expect(page.records.map((r) => r.arxivId)).toEqual(['1707.08567']);
    expect(page.records[0]?.authors).toHaveLength(34);
    expect(page.records[0]?.authors[0]).toBe('Kees A. Schouhamer Immink');
    expect(page.records[0]?.categories).toEqual(['cs.IT']);
  });

  it('keeps a title that looks like a number as text', () => {
    const r = parseArxivAtom(fixture('id_2104.12255v1_s0_m100_6ae69987ffe1')).records[0];
    expect(r).toMatchObject({ arxivId: '2104.12255', version: 1, title: '0', authors: ['Quan Thoi Minh Nguyen'], categories: ['cs.CR'] });
  });

  it('puts the primary category first', () => {
    const r = parseArxivAtom(fixture('id_quant-ph_0201082v1_s0_m100_86989fe779ef')).records[0];
    expect(r).toMatchObject({ arxivId: 'quant-ph/0201082', categories: ['quant-ph', 'cs.PL'], comments: '32 pages' });
  });

  it('reads a search page: counts, versions, update dates, DOIs', () => {
    const page = parseArxivAtom(fixture('q_testing_s10_m10_34e56e15aaac'));
    expect(page).toMatchObject({ totalResults: 214881, startIndex: 10, itemsPerPage: 10 });
    expect(page.records).toHaveLength(10);
    expect(page.records[0]).toMatchObject({
      arxivId: '2403.16981',
      version: 2,
      title: 'The Sample Complexity of Simple Binary Hypothesis Testing',
      authors: ['Ankit Pensia', 'Varun Jog', 'Po-Ling Loh'],
      categories: ['math.ST', 'cs.IT', 'stat.ML'],
      publishedOn: '2024-03-25',
      updatedOn: '2025-05-24',
    });
    expect(page.records[1]).toMatchObject({ arxivId: '2004.03322', version: 1, updatedOn: null });
    expect(page.records.find((r) => r.arxivId === '2407.18756')?.doi).toBe('10.1145/3679006.3685071');
  });

  it('reads an empty result', () => {
    expect(parseArxivAtom(fixture('id_0000.0000_s0_m100_8b51d9633a68'))).toEqual({ records: [], rejected: [], totalResults: 0, startIndex: 0, itemsPerPage: 100 });
  });

  it("turns the API's error entry into an ArxivApiError", () => {
    expect(() => parseArxivAtom(fixture('id_abc_s0_m100_b79c8dcf6bc3'))).toThrow(ArxivApiError);
    expect(() => parseArxivAtom(fixture('id_abc_s0_m100_b79c8dcf6bc3'))).toThrow('arXiv API error: incorrect id format for abc');
  });

  it('rejects truncated XML and HTML with errors that name the expected document', () => {
    const xml = fixture('q_testing_s10_m10_34e56e15aaac');
    expect(() => parseArxivAtom(xml.slice(0, 5000))).toThrow(/^malformed XML .* where an arXiv API Atom feed was expected$/);
    expect(() => parseArxivAtom('<html><body>Rate exceeded.</body></html>')).toThrow(/an HTML page where an arXiv API Atom feed was expected/);
    expect(() => parseArxivAtom('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toThrow(/without a valid <opensearch:totalResults>/);
  });
});
