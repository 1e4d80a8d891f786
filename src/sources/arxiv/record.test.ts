// The shared text rules of arXiv records, and the mapping to PaperInput.
import { describe, expect, it } from 'vitest';
import { type ArxivRecord, mentionsWithdrawal, splitAuthors, splitVersionedId, squash, toDay } from './record.ts';
import { toPaperInput } from './to-paper.ts';

describe('arXiv text rules', () => {
  it('squashes every run of white space (spaces, tabs, newlines, no-break spaces) into one space', () => {
    expect(squash('  Deep\n  learning\tfor\u00a0all \r\n ')).toBe('Deep learning for all');
    expect(squash(null)).toBe('');
    // Against the plain definition, on random mixes of letters and white space.
    const chars = ['a', 'b', ' ', '  ', '\n', '\t', '\u00a0', '\r\n'];
    for (let k = 0; k < 500; k++) {
      const text = Array.from({ length: 12 }, (_, i) => chars[(k * 7 + i * i * 3 + k * i) % chars.length]).join('');
      expect(squash(text)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('splits versioned ids in every form arXiv writes them', () => {
    expect(splitVersionedId('http://arxiv.org/abs/2104.12255v3')).toEqual({ arxivId: '2104.12255', version: 3 });
    expect(splitVersionedId('oai:arXiv.org:hep-th/9901001')).toEqual({ arxivId: 'hep-th/9901001', version: null });
    expect(splitVersionedId('oai:arXiv.org:2508.13426v1')).toEqual({ arxivId: '2508.13426', version: 1 });
    expect(splitVersionedId('math.GT/0309136v2')).toEqual({ arxivId: 'math.GT/0309136', version: 2 });
    expect(splitVersionedId('https://arxiv.org/api/errors#x')).toBeUndefined();
  });

  it('splits author lists, dropping affiliations that contain commas and "and"', () => {
    expect(splitAuthors('A. One, B. Two (Dept. of Physics and Astronomy, MIT) and C. Three')).toEqual(['A. One', 'B. Two', 'C. Three']);
    expect(splitAuthors('Carl Lagoze, Herbert Van de Sompel,\n   Robert Sanderson')).toEqual(['Carl Lagoze', 'Herbert Van de Sompel', 'Robert Sanderson']);
    expect(splitAuthors('')).toEqual([]);
  });

  it('reads days from ISO and RFC 2822 dates', () => {
    expect(toDay('2025-08-20T00:00:00-04:00')).toBe('2025-08-20');
    expect(toDay('Sun, 30 Mar 2008 23:26:50 GMT')).toBe('2008-03-30');
    expect(toDay('garbage')).toBeNull();
  });

  it('recognises withdrawal notices but not the word in passing', () => {
    expect(mentionsWithdrawal('This paper has been withdrawn by the author due to an error')).toBe(true);
    expect(mentionsWithdrawal('Withdrawn: duplicate of 1234.5678')).toBe(true);
    expect(mentionsWithdrawal('We study withdrawn liquidity in markets')).toBe(false);
  });
});

describe('toPaperInput', () => {
  const record: ArxivRecord = {
    arxivId: '2508.14001',
    version: 2,
    title: 'Neural Architecture Search',
    abstract: 'We propose.',
    authors: ['Alice Smith', 'Bob Jones'],
    categories: ['cs.AI', 'cs.LG'],
    publishedOn: '2025-08-18',
    updatedOn: '2025-08-25',
    datestamp: null,
    announcedOn: '2025-08-20',
    withdrawn: false,
    comments: '12 pages',
    doi: null,
    journalRef: null,
    announceType: 'new',
  };

  it('maps the record and returns version, withdrawal and update date beside it', () => {
    const out = toPaperInput(record);
    expect(out.paper).toEqual({
      id: '2508.14001',
      arxivId: '2508.14001',
      title: 'Neural Architecture Search',
      abstract: 'We propose.',
      authors: ['Alice Smith', 'Bob Jones'],
      authorsCount: 2,
      organization: null,
      publishedOn: '2025-08-18',
      feedDate: '2025-08-20',
      upvotes: 0,
      categories: ['cs.AI', 'cs.LG'],
      githubRepo: null,
      projectPage: null,
    });
    expect(out).toMatchObject({ version: 2, withdrawn: false, updatedOn: '2025-08-25' });
  });

  it('falls back to the v1 date for the feed, and takes an explicit one first', () => {
    expect(toPaperInput({ ...record, announcedOn: null }).paper.feedDate).toBe('2025-08-18');
    expect(toPaperInput(record, { feedDate: '2025-09-01' }).paper.feedDate).toBe('2025-09-01');
    expect(toPaperInput(record, { feedDate: null }).paper.feedDate).toBeNull();
  });

  it('never dates a replacement by its announcement, which is the day of its new version', () => {
    for (const announceType of ['replace', 'replace-cross'] as const) {
      expect(toPaperInput({ ...record, announceType, publishedOn: null }).paper.feedDate).toBeNull();
      expect(toPaperInput({ ...record, announceType }).paper.feedDate).toBe('2025-08-18');
    }
  });

  it('writes LaTeX accents of the metadata as letters, and leaves math to the renderer', () => {
    const { paper } = toPaperInput({
      ...record,
      title: 'G\\"odel Machines with $\\pi_{RL}$',
      abstract: 'A na\\"{\\i}ve baseline, $O(n^2)$.',
      authors: ['J\\"urgen Schmidhuber', 'Fran\\c{c}ois Chollet'],
    });
    expect(paper).toMatchObject({
      title: 'Gödel Machines with $\\pi_{RL}$',
      abstract: 'A naïve baseline, $O(n^2)$.',
      authors: ['Jürgen Schmidhuber', 'François Chollet'],
    });
  });
});
