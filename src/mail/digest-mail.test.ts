// The digest mail's parts: math in titles and abstracts reads as text, since mail clients have no
// math renderer, and the HTML part escapes what it shows; an abstract is cut to about two lines.
import { describe, expect, it } from 'vitest';
import { paperInput } from '../../test/papers.ts';
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
});
