// The paper model: arXiv ids, title slugs, links and merging records from several sources.
import { describe, expect, it } from 'vitest';
import { mergePaper, normalizeArxivId, orgLabel, type PaperInput, paperLinks, slugFromTitle } from './paper.ts';

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

describe('orgLabel', () => {
  it("names the organization a paper is assigned to, else the source's name", () => {
    expect(orgLabel({ organization: 'Google', orgHandle: 'evil-lab', orgName: 'Evil Lab' })).toBe('Evil Lab');
    expect(orgLabel({ organization: 'Google' })).toBe('Google');
    expect(orgLabel({ organization: null, orgHandle: 'lab' })).toBe('@lab');
    expect(orgLabel({ organization: null })).toBeNull();
  });
});

describe('paper identity', () => {
  it('normalizes arXiv ids from ids, versions and URLs', () => {
    expect(normalizeArxivId('2501.05441v3')).toBe('2501.05441');
    expect(normalizeArxivId('arXiv:2501.05441')).toBe('2501.05441');
    expect(normalizeArxivId('https://arxiv.org/abs/2501.05441v2')).toBe('2501.05441');
    expect(normalizeArxivId('https://arxiv.org/pdf/2501.05441.pdf')).toBe('2501.05441');
    expect(normalizeArxivId('arxiv.org/abs/2501.05441')).toBe('2501.05441');
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

  it("keeps a repository's stars from falling when an older answer comes again, and takes another repository's count", () => {
    const repo = 'https://github.com/ada/engine';
    const now = mergePaper(undefined, input({ githubRepo: repo, githubStars: 251 }), score);
    const older = mergePaper(now, input({ githubRepo: repo, githubStars: 145 }), score);
    expect(older.githubStars).toBe(251);
    expect(mergePaper(older, input({ githubRepo: repo, githubStars: 300 }), score).githubStars).toBe(300);
    expect(mergePaper(older, input({ githubStars: 12 }), score).githubStars).toBe(251);
    expect(mergePaper(older, input({ githubRepo: 'https://github.com/ada/engine-v2', githubStars: 12 }), score)).toMatchObject({ githubRepo: 'https://github.com/ada/engine-v2', githubStars: 12 });
    expect(mergePaper(older, input({ githubRepo: repo }), score).githubStars).toBe(251);
  });
});

describe('mergePaper precedence between sources', () => {
  const score = (): number => 1;
  const arxiv = (over: Partial<PaperInput> = {}): PaperInput => input({ upvotes: undefined, feedDate: '2025-01-10', version: 2, withdrawn: false, ...over });
  const hf = (over: Partial<PaperInput> = {}): PaperInput => input({ title: 'A paper (v1 title)', abstract: 'Old abstract.', authors: ['A. Lovelace'], feedDate: '2025-01-12', dailyFeedDate: true, upvotes: 20, ...over });

  it('an HF daily day sets the feed date over an arXiv date, whichever came first', () => {
    const arxivFirst = mergePaper(mergePaper(undefined, arxiv(), score), hf(), score);
    expect(arxivFirst).toMatchObject({ feedDate: '2025-01-12', dailyFeedDate: true });
    const hfFirst = mergePaper(mergePaper(undefined, hf(), score), arxiv({ feedDate: '2025-01-10' }), score);
    expect(hfFirst).toMatchObject({ feedDate: '2025-01-12', dailyFeedDate: true });
    // Between derived dates the first stays (a replacement's announcement does not move a paper).
    expect(mergePaper(mergePaper(undefined, arxiv(), score), arxiv({ feedDate: '2025-02-01', version: 3 }), score).feedDate).toBe('2025-01-10');
    // A derived date fills a missing one.
    expect(mergePaper(mergePaper(undefined, input({ feedDate: null }), score), arxiv(), score)).toMatchObject({ feedDate: '2025-01-10', dailyFeedDate: false });
  });

  it('an unversioned source never overwrites the text of a versioned arXiv record, but updates its counts', () => {
    const merged = mergePaper(mergePaper(undefined, arxiv({ title: 'A paper (v2 title)', abstract: 'New abstract.' }), score), hf(), score);
    expect(merged).toMatchObject({ title: 'A paper (v2 title)', abstract: 'New abstract.', authors: ['Ada Lovelace'], version: 2, upvotes: 20 });
    // A newer arXiv version does replace it; an older one does not.
    const v3 = mergePaper(merged, arxiv({ title: 'A paper (v3 title)', version: 3 }), score);
    expect(v3).toMatchObject({ title: 'A paper (v3 title)', version: 3 });
    expect(mergePaper(v3, arxiv({ title: 'A paper (v1 title)', version: 1 }), score)).toMatchObject({ title: 'A paper (v3 title)', version: 3 });
    // Without a versioned record, the latest source's text is taken as before.
    expect(mergePaper(mergePaper(undefined, hf(), score), hf({ title: 'Retitled' }), score).title).toBe('Retitled');
  });

  it('a withdrawal sticks unless a newer version replaces it', () => {
    const withdrawn = mergePaper(mergePaper(undefined, arxiv(), score), arxiv({ withdrawn: true }), score);
    expect(withdrawn.withdrawn).toBe(true);
    expect(mergePaper(withdrawn, arxiv({ withdrawn: false }), score).withdrawn).toBe(true);
    expect(mergePaper(withdrawn, arxiv({ withdrawn: false, version: 1 }), score).withdrawn).toBe(true);
    expect(mergePaper(withdrawn, hf(), score).withdrawn).toBe(true);
    expect(mergePaper(withdrawn, arxiv({ withdrawn: false, version: 3 }), score).withdrawn).toBe(false);
    // A late copy of an older, withdrawn version does not withdraw a newer one.
    expect(mergePaper(mergePaper(undefined, arxiv({ version: 4 }), score), arxiv({ version: 3, withdrawn: true }), score).withdrawn).toBe(false);
  });
});
