// Record validation for both import formats: titles on one line, clear reasons for bad records.
import { describe, expect, it } from 'vitest';
import { parseRecord } from './records.ts';

describe('parseRecord', () => {
  it('puts a wrapped title on one line, in our JSONL and in Hugging Face items', () => {
    const jsonl = parseRecord({ id: '2411.05007', title: '  SVDQuant: Absorbing Outliers for 4-Bit Diffusion\n  Models ', abstract: 'First line.\nSecond line.' });
    expect(jsonl.ok && jsonl.paper.title).toBe('SVDQuant: Absorbing Outliers for 4-Bit Diffusion Models');
    // Abstracts keep their line breaks.
    expect(jsonl.ok && jsonl.paper.abstract).toBe('First line.\nSecond line.');
    const hf = parseRecord({ paper: { id: '2411.05007', title: 'Long\ttitle\r\n  wrapped', summary: 'x' } });
    expect(hf.ok && hf.paper.title).toBe('Long title wrapped');
  });

  it('turns LaTeX accents into letters in titles, abstracts and authors, keeping math and the id', () => {
    const r = parseRecord({ title: 'Na\\"{\\i}ve $\\pi_{RL}$ by J\\"urgen', abstract: 'Sch\\"odinger and $\\"x$.', authors: ['J\\"urgen Schmidhuber', { name: 'Fran\\c{c}ois Chollet' }] });
    expect(r.ok && r.paper.title).toBe('Naïve $\\pi_{RL}$ by Jürgen');
    expect(r.ok && r.paper.abstract).toBe('Schödinger and $\\"x$.');
    expect(r.ok && r.paper.authors).toEqual(['Jürgen Schmidhuber', 'François Chollet']);
    // A paper without an id keeps the id its title always gave it.
    const again = parseRecord({ title: 'Na\\"{\\i}ve $\\pi_{RL}$ by J\\"urgen' });
    expect(again.ok && r.ok && again.paper.id).toBe(r.ok && r.paper.id);
    const hf = parseRecord({ paper: { id: '2501.00001', title: 'G\\"odel', summary: 'x', authors: [{ name: '\\L{}ukasz Kaiser' }] } });
    expect(hf.ok && [hf.paper.title, hf.paper.authors[0]]).toEqual(['Gödel', 'Łukasz Kaiser']);
  });

  it("writes a JSONL record's categories as arXiv does and drops names arXiv does not have, so category filters find the paper", () => {
    const r = parseRecord({ title: 'Categorized', categories: ['cs.lg', 'CS.CL', 'cs.LG', 'not a cat', 'hep-th', 'cmp-lg', 'na'] });
    expect(r.ok && r.paper.categories).toEqual(['cs.LG', 'cs.CL', 'hep-th', 'cmp-lg']);
  });

  it('rejects a record without a title, with the reason', () => {
    expect(parseRecord({ id: 'x', title: ' \n ' })).toMatchObject({ ok: false, reason: expect.stringContaining('title is empty') });
    expect(parseRecord({ paper: { id: '2411.05007', title: '' } })).toMatchObject({ ok: false });
    expect(parseRecord('not an object')).toMatchObject({ ok: false });
    // A record with no title at all says so in words, in either format.
    expect(parseRecord({ id: '2411.05007', abstract: 'x' })).toEqual({ ok: false, reason: 'title: missing' });
    expect(parseRecord({ paper: { id: '2411.05007', summary: 'x' } })).toEqual({ ok: false, reason: 'paper.title: missing' });
    expect(parseRecord({ title: 42 })).toEqual({ ok: false, reason: 'title: Invalid input: expected string, received number' });
  });

  it("drops a malformed extra of a Hugging Face item (repository, stars, project page, summary, keywords), never the paper", () => {
    const good = { id: '2501.00002', title: 'Kept', summary: 'Abstract.', upvotes: 7, githubRepo: 'https://github.com/a/b', ai_summary: 'Short.' };
    const bad = parseRecord({ paper: { ...good, githubRepo: 'not a url', projectPage: 'javascript:alert(1)', githubStars: -3, ai_summary: 'x'.repeat(6000), ai_keywords: Array.from({ length: 101 }, (_, i) => `k${i}`) }, numComments: 2 });
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect(bad.paper).toMatchObject({ id: '2501.00002', title: 'Kept', abstract: 'Abstract.', upvotes: 7, comments: 2, githubRepo: null, projectPage: null });
    expect(bad.paper).not.toHaveProperty('githubStars');
    expect(bad.paper).not.toHaveProperty('aiSummary');
    expect(bad.paper).not.toHaveProperty('aiKeywords');
    // Well formed, they are kept.
    const ok = parseRecord({ paper: good });
    expect(ok.ok && [ok.paper.githubRepo, ok.paper.aiSummary]).toEqual(['https://github.com/a/b', 'Short.']);
    // Our own JSONL is the importer's file: a bad field there is reported, with the record.
    expect(parseRecord({ title: 'T', githubRepo: 'not a url' })).toMatchObject({ ok: false, reason: expect.stringContaining('githubRepo') });
  });
});
