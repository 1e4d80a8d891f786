// Parsing of a real rss.arxiv.org/atom/cs.AI feed (2025-08-20).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnnouncementFeed } from './announcements.ts';

const xml = readFileSync(new URL('../../../test/fixtures/arxiv/rss/cs.AI-2025-08-20.atom.xml', import.meta.url), 'utf8');

describe('parseAnnouncementFeed', () => {
  const records = parseAnnouncementFeed(xml);

  it('reads every entry with its announce type and version', () => {
    expect(records.map((r) => [r.arxivId, r.version, r.announceType])).toEqual([
      ['2508.13426', 1, 'cross'],
      ['2508.13428', 1, 'cross'],
      ['2508.13429', 1, 'cross'],
      ['2508.13434', 1, 'cross'],
      ['2508.13435', 1, 'cross'],
      ['2508.14001', 1, 'new'],
      ['2508.14002', 1, 'new'],
    ]);
  });

  it('takes authors from dc:creator and the abstract after "Abstract:"', () => {
    const r = records[0];
    expect(r).toMatchObject({
      title: 'ALIGN: Word Association Learning for Cross-Cultural Generalization in Large Language Models',
      authors: ['Chunhua Liu', 'Kabir Manandhar Shrestha', 'Sukai Huang'],
      categories: ['cs.CL', 'cs.AI'],
      announcedOn: '2025-08-20',
      publishedOn: null,
      updatedOn: null,
    });
    expect(r?.abstract).toMatch(/^As large language models \(LLMs\) increasingly mediate cross-cultural communication/);
    expect(r?.abstract).not.toContain('Announce Type');
    expect(records[2]?.authors).toEqual(["Paulo Andr\\'e Lima de Castro"]);
  });

  it('dates a new paper by its announcement', () => {
    expect(records[5]).toMatchObject({ announceType: 'new', publishedOn: '2025-08-20', announcedOn: '2025-08-20', authors: ['Alice Smith', 'Bob Jones'] });
  });

  it('reads an empty day and rejects an HTML page', () => {
    expect(parseAnnouncementFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>cs.AI updates</title></feed>')).toEqual([]);
    expect(() => parseAnnouncementFeed('<!doctype html><title>Not Found</title>')).toThrow(/HTML page \("Not Found"\) where an arXiv announcement/);
  });
});
