// The digest mail's parts: math in titles and abstracts reads as text, since mail clients have no
// math renderer, and the HTML part escapes what it shows; an abstract is cut to about two lines.
import { describe, expect, it } from 'vitest';
import { paperInput } from '../../test/papers.ts';
import { followKey, type Follow, selectDigest } from '../core/digest.ts';
import { mergePaper, type Paper } from '../core/paper.ts';
import { renderDigestMail } from './digest-mail.ts';

/** A one-section digest of one paper, as mailed. */
const mailOf = (paper: Paper) =>
  renderDigestMail({
    digest: { sections: [{ kind: 'trending', value: '', papers: [paper] }], paperCount: 1 },
    siteName: 'Paperboy',
    baseUrl: 'https://papers.example.org',
    periodLabel: 'Aug 21, 2026',
    unsubscribeUrl: 'https://papers.example.org/unsubscribe/x',
    preferencesUrl: 'https://papers.example.org/subscription/x',
  });

describe('renderDigestMail', () => {
  it('shows math as Unicode text in both parts, and escapes markup in the HTML', () => {
    const paper = mergePaper(
      undefined,
      paperInput({ id: '2608.00102', title: 'MERGE$^3$: Merging <b>Models</b>', abstract: 'Costs $\\mathcal{O}(n^2)$ with $\\pi_{RL}$.', authors: ['Kurt Gödel'] }),
      () => 0,
    );
    const mail = mailOf(paper);
    expect(mail.text).toContain('* MERGE³: Merging <b>Models</b>');
    expect(mail.text).toContain('Costs O(n²) with π_RL.');
    expect(mail.html).toContain('MERGE³: Merging &#60;b&#62;Models&#60;/b&#62;</a>');
    expect(mail.html).toContain('Costs O(n²) with π_RL.');
    expect(mail.text + mail.html).not.toContain('$');
  });

  it('cuts a long abstract to a two-line snippet at a word boundary', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const paper = mergePaper(undefined, paperInput({ id: '2608.00103', title: 'A long abstract', abstract: words }), () => 0);
    const mail = mailOf(paper);
    const line = mail.text.split('\n').find((l) => l.includes('word0 '))!.trim();
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(166);
    expect(line.length).toBeGreaterThan(120);
    // Whole words only.
    expect(words.startsWith(line.slice(0, -1))).toBe(true);
    expect(words.charAt(line.length - 1)).toBe(' ');
  });
  it("the subject's paper count is the number of entries in the text and the HTML, with follows that overlap", () => {
    const papers = ['a', 'b', 'c'].map((id) => mergePaper(undefined, paperInput({ id: `2608.0020${id.charCodeAt(0) - 96}`, title: `Paper ${id}` }), () => 0));
    const [a, b, c] = papers.map((p) => p.id) as [string, string, string];
    const follows: Follow[] = [{ kind: 'topic', value: 'language model' }, { kind: 'author', value: 'Pietro Liò' }, { kind: 'category', value: 'cs.CL' }];
    const table = new Map([[followKey(follows[0]!), [a, b]], [followKey(follows[1]!), [b]], [followKey(follows[2]!), [a, b, c]]]);
    const digest = selectDigest({ papers, byId: new Map(papers.map((p) => [p.id, p])), matches: (f) => table.get(followKey(f)) }, follows, { max: 10, trending: true });
    const mail = renderDigestMail({ digest, siteName: 'Paperboy', baseUrl: 'https://papers.example.org', periodLabel: 'Aug 20, 2026', unsubscribeUrl: 'https://x/u', preferencesUrl: 'https://x/p' });
    expect(mail.subject).toBe('Paperboy digest, Aug 20, 2026: 3 papers');
    expect(mail.text.split('\n').filter((l) => l.startsWith('* '))).toHaveLength(3);
    expect(mail.html.match(/font-size:16px;font-weight:600/g)).toHaveLength(3);
    // The author's only paper is shown above, so the author has no section.
    expect(mail.text).not.toContain('Pietro');
  });
});
