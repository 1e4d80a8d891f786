// BibTeX export: escaping of LaTeX specials and braces, arXiv fields, stable and unique keys.
import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexFile, citationKey, escapeBibtex } from './bibtex.ts';
import type { Paper } from './paper.ts';

const paper = (over: Partial<Paper> = {}): Paper => ({
  id: '2501.05441',
  arxivId: '2501.05441',
  title: 'The GAN is dead; long live the GAN!',
  abstract: '',
  authors: ['Yiwen Huang', 'Aaron Gokaslan'],
  authorsCount: 2,
  organization: null,
  publishedOn: '2025-01-09',
  feedDate: '2025-01-10',
  dailyFeedDate: true,
  upvotes: 0,
  comments: 0,
  sourceUpvotes: 0,
  sourceComments: 0,
  categories: ['cs.LG', 'cs.CV'],
  githubRepo: null,
  projectPage: null,
  trending: 0,
  version: null,
  withdrawn: false,
  submittedBy: null,
  submittedByHfUser: null,
  githubStars: null,
  aiSummary: null,
  aiKeywords: [],
  ...over,
});

describe('bibtex', () => {
  it('escapes LaTeX specials and braces so no value can close its field', () => {
    expect(escapeBibtex('a}b{c\\d & 50% $x$ #1 a_b ~ ^')).toBe('a\\}b\\{c\\textbackslash{}d \\& 50\\% \\$x\\$ \\#1 a\\_b \\textasciitilde{} \\textasciicircum{}');
    const entry = bibtexEntry(paper({ title: 'Evil}, note = {pwned' }));
    expect(entry).toContain('title = {{Evil\\}, note = \\{pwned}},');
    expect(entry).not.toContain('note = {pwned');
  });

  it('writes @misc with eprint, archivePrefix and primaryClass for arXiv papers', () => {
    expect(bibtexEntry(paper())).toBe(
      [
        '@misc{huang2025gan,',
        '  title = {{The GAN is dead; long live the GAN!}},',
        '  author = {Yiwen Huang and Aaron Gokaslan},',
        '  year = {2025},',
        '  eprint = {2501.05441},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  url = {https://arxiv.org/abs/2501.05441},',
        '}',
        '',
      ].join('\n'),
    );
    expect(bibtexEntry(paper({ arxivId: null, id: 'slug' }))).not.toContain('eprint');
  });

  it("keeps a title's math as math when its braces balance, and escapes the rest", () => {
    expect(bibtexEntry(paper({ title: 'MERGE$^3$: $\\mathcal{O}(n^2)$ for 100% of $}{$ cases' }))).toContain(
      'title = {{MERGE$^3$: $\\mathcal{O}(n^2)$ for 100\\% of \\$\\}\\{\\$ cases}},',
    );
    expect(bibtexEntry(paper({ title: 'Costs \\$5 and $x^{2$' }))).toContain('title = {{Costs \\$5 and \\$x\\textasciicircum{}\\{2\\$}},');
  });

  it('keeps only common math commands: a TeX primitive in a hostile title comes out as text', () => {
    expect(bibtexEntry(paper({ title: '$\\pi_{RL}$ and $\\alpha\\!\\cdot\\mathbb{R}^d$' }))).toContain('title = {{$\\pi_{RL}$ and $\\alpha\\!\\cdot\\mathbb{R}^d$}},');
    for (const tex of ['\\input{/etc/passwd}', '\\immediate\\write18{id}', 'x\\def\\a{b}', '\\csname foo\\endcsname', 'a\\\\b']) {
      const entry = bibtexEntry(paper({ title: `Bad $${tex}$ title` }));
      const title = /title = \{\{(.*)\}\},/.exec(entry)?.[1] ?? '';
      // Every backslash of the source is now \textbackslash{}: no control word is left to run.
      expect(title.replace(/\\textbackslash\{\}|\\[{}$_&%#]|\\text[a-z]+\{\}/g, ''), tex).not.toContain('\\');
    }
  });

  it('keys are stable, ASCII, and unique within a file', () => {
    expect(citationKey(paper({ authors: ['José Ñúñez'], title: 'On Émergence' }))).toBe('nunez2025emergence');
    expect(citationKey(paper({ authors: [], title: '' }))).toMatch(/^anon2025/);
    const file = bibtexFile([paper(), paper({ id: '2501.05442', arxivId: '2501.05442' })], 'My @list\n@misc{x,');
    expect(file.match(/^@misc\{[^,]+,/gm)).toEqual(['@misc{huang2025gan,', '@misc{huang2025ganb,']);
    expect(file.startsWith('% My  list misc{x,\n')).toBe(true);
  });
});
