// From an arXiv record to a paper: LaTeX accents in the metadata become letters, math stays for the renderer.
import { describe, expect, it } from 'vitest';
import type { ArxivRecord } from './record.ts';
import { toPaperInput } from './to-paper.ts';

const RECORD: ArxivRecord = {
  arxivId: '2104.12255',
  version: 2,
  title: 'G\\"odel Machines with $\\pi_{RL}$',
  abstract: 'A na\\"{\\i}ve baseline, $O(n^2)$.',
  authors: ['J\\"urgen Schmidhuber', 'Fran\\c{c}ois Chollet'],
  categories: ['cs.LG'],
  publishedOn: '2021-04-25',
  updatedOn: null,
  datestamp: null,
  announcedOn: null,
  withdrawn: false,
  comments: null,
  doi: null,
  journalRef: null,
  announceType: null,
};

describe('toPaperInput', () => {
  it('writes accented names and words as letters, and keeps the record fields', () => {
    const { paper, version } = toPaperInput(RECORD);
    expect(paper).toMatchObject({
      id: '2104.12255',
      title: 'Gödel Machines with $\\pi_{RL}$',
      abstract: 'A naïve baseline, $O(n^2)$.',
      authors: ['Jürgen Schmidhuber', 'François Chollet'],
      authorsCount: 2,
      categories: ['cs.LG'],
    });
    expect(version).toBe(2);
  });
});
