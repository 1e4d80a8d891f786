// The digest mail's parts: math in titles and abstracts reads as text, since mail clients have no
// math renderer, and the HTML part escapes what it shows.
import { describe, expect, it } from 'vitest';
import { paperInput } from '../../test/papers.ts';
import { mergePaper } from '../core/paper.ts';
import { renderDigestMail } from './digest-mail.ts';

describe('renderDigestMail', () => {
  it('shows math as Unicode text in both parts, and escapes markup in the HTML', () => {
    const paper = mergePaper(
      undefined,
      paperInput({ id: '2608.00102', title: 'MERGE$^3$: Merging <b>Models</b>', abstract: 'Costs $\\mathcal{O}(n^2)$ with $\\pi_{RL}$.', authors: ['Kurt Gödel'] }),
      () => 0,
    );
    const mail = renderDigestMail({
      digest: { sections: [{ kind: 'trending', value: '', papers: [paper] }], paperCount: 1 },
      siteName: 'Paperboy',
      baseUrl: 'https://papers.example.org',
      periodLabel: 'Aug 21, 2026',
      unsubscribeUrl: 'https://papers.example.org/unsubscribe/x',
      preferencesUrl: 'https://papers.example.org/subscription/x',
    });
    expect(mail.text).toContain('* MERGE³: Merging <b>Models</b>');
    expect(mail.text).toContain('Costs O(n²) with π_RL.');
    expect(mail.html).toContain('MERGE³: Merging &#60;b&#62;Models&#60;/b&#62;</a>');
    expect(mail.html).toContain('Costs O(n²) with π_RL.');
    expect(mail.text + mail.html).not.toContain('$');
  });
});
