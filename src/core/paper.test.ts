// The paper model: arXiv ids, title slugs, links and merging records from several sources.
import { describe, expect, it } from 'vitest';
import { mergePaper, normalizeArxivId, type PaperInput, paperLinks, slugFromTitle } from './paper.ts';

const input = (over: Partial<PaperInput> = {}): PaperInput => ({
  id: '2501.05441',
  arxivId: '2501.05441',
  title: 'A paper',
  abstract: 'About things.',
  authors: ['Ada Lovelace'],
  authorsCount: 1,
  organization: null,
  publishedOn: '2025-01-09',
  feedDate: '2025-01-10',
  upvotes: 3,
  categories: ['cs.LG'],
  githubRepo: null,
  projectPage: null,
  ...over,
});

describe('paper identity', () => {
  it('normalizes arXiv ids from ids, versions and URLs', () => {
    expect(normalizeArxivId('2501.05441v3')).toBe('2501.05441');
    expect(normalizeArxivId('arXiv:2501.05441')).toBe('2501.05441');
    expect(normalizeArxivId('https://arxiv.org/abs/2501.05441v2')).toBe('2501.05441');
    expect(normalizeArxivId('https://arxiv.org/pdf/2501.05441.pdf')).toBe('2501.05441');
    expect(normalizeArxivId('hep-th/9901001v1')).toBe('hep-th/9901001');
    expect(normalizeArxivId('not an id')).toBeUndefined();
  });

  it('makes stable, URL-safe slugs that differ for titles sharing a prefix', () => {
    const a = slugFromTitle('MERGE$^3$: Efficient Évaluation of <b>Models</b>');
    expect(a).toMatch(/^merge-efficient-evaluation-of-b-models-b-[0-9a-z]{6}$/);
    expect(slugFromTitle('MERGE$^3$: Efficient Évaluation of <b>Models</b>')).toBe(a);
    const long = 'A very long title about large language models that keeps going and going';
    expect(slugFromTitle(`${long} part one`)).not.toBe(slugFromTitle(`${long} part two`));
    expect(slugFromTitle('🙂')).toMatch(/^paper-/);
  });

  it('links only to http(s) URLs', () => {
    const links = paperLinks({ arxivId: '2501.05441', githubRepo: 'javascript:alert(1)', projectPage: 'https://example.org/p' });
    expect(links.map((l) => l.label)).toEqual(['arXiv', 'PDF', 'Project page']);
  });
});

describe('mergePaper', () => {
  const score = (): number => 1;
  it('keeps known values the incoming record lacks and takes new counts', () => {
    const first = mergePaper(undefined, input(), score);
    const second = mergePaper(first, input({ authors: [], authorsCount: 0, organization: 'NVIDIA', upvotes: 10, categories: ['cs.CL'] }), score);
    expect(second.authors).toEqual(['Ada Lovelace']);
    expect(second.organization).toBe('NVIDIA');
    expect(second.upvotes).toBe(10);
    expect(second.categories).toEqual(['cs.LG', 'cs.CL']);
    expect(second.feedDate).toBe('2025-01-10');
  });
});
