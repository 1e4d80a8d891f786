// Parsing of a real rss.arxiv.org/atom/cs.AI feed (2025-08-20).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnnouncementFeed } from './announcements.ts';

const xml = readFileSync(new URL('../../../test/fixtures/arxiv/rss/cs.AI-2025-08-20.atom.xml', import.meta.url), 'utf8');

describe('parseAnnouncementFeed', () => {
  const { records, rejected } = parseAnnouncementFeed(xml);

  it('reads every entry with its announce type and version', () => {
    expect(rejected).toEqual([]);
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
    expect(parseAnnouncementFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>cs.AI updates</title></feed>')).toEqual({ records: [], rejected: [] });
    expect(() => parseAnnouncementFeed('<!doctype html><title>Not Found</title>')).toThrow(/HTML page \("Not Found"\) where an arXiv announcement/);
  });

  it('rejects an entry without a title or an arXiv id with its reason and keeps the others', () => {
    const broken = xml
      .replace(/<title>ALIGN: [^<]*<\/title>/, '<title>  </title>')
      .replace(/<id>oai:arXiv.org:2508.14002v1<\/id>/, '<id>urn:not-an-id</id>');
    const feed = parseAnnouncementFeed(broken);
    expect(feed.rejected).toEqual([
      { id: '2508.13426', reason: 'title is empty' },
      { id: 'urn:not-an-id', reason: 'id "urn:not-an-id" is not an arXiv id' },
    ]);
    expect(feed.records.map((r) => r.arxivId)).toEqual(['2508.13428', '2508.13429', '2508.13434', '2508.13435', '2508.14001']);
  });
});
