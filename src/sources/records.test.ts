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

  it('rejects a record without a title, with the reason', () => {
    expect(parseRecord({ id: 'x', title: ' \n ' })).toMatchObject({ ok: false, reason: expect.stringContaining('title is empty') });
    expect(parseRecord({ paper: { id: '2411.05007', title: '' } })).toMatchObject({ ok: false });
    expect(parseRecord('not an object')).toMatchObject({ ok: false });
  });
});
