// Search by meaning with the bundled word vectors: paraphrases land near their topic, any text is safe.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../text/analyze.ts';
import { bundledMeaning, cosine, cosineStored, type Meaning, quantize, readMeaning, WORD_VECTORS_FILE } from './meaning.ts';

const QUANT = ['Rounding Network Weights to Int4', 'Each weight is stored in four bits with per-channel scales after training.'] as const;
const ROBOT = ['Learning to Walk on Rough Terrain', 'A legged robot learns locomotion policies in simulation and transfers them.'] as const;
const DECODE = ['Draft and Verify', 'A small drafter proposes tokens that the large model verifies in parallel, so generation takes fewer steps.'] as const;

const query = (m: Meaning, text: string): Float32Array => {
  const s = analyze(text);
  const v = m.queryVector(s.terms.map((term) => ({ term, weight: 1 })));
  if (!v) throw new Error(`no vector for "${text}"`);
  return v;
};

describe('meaning', () => {
  const m = bundledMeaning((err) => {
    throw err;
  })!;

  it('loads the bundled vectors once', () => {
    expect(m.vectors.words.length).toBeGreaterThan(10_000);
    expect(bundledMeaning()).toBe(m);
  });

  it('puts a paraphrase nearest the paper on its topic, sharing no word with it', () => {
    const papers = [QUANT, ROBOT, DECODE].map(([t, a]) => m.paperVector(t, a)!);
    const nearest = (text: string): number => {
      const q = query(m, text);
      const sims = papers.map((p) => cosine(q, p));
      return sims.indexOf(Math.max(...sims));
    };
    expect(nearest('low-bit quantization')).toBe(0);
    expect(nearest('quadruped locomotion')).toBe(1);
    expect(nearest('speculative decoding')).toBe(2);
  });

  it('gives unit vectors, and none for text without known words', () => {
    const v = m.paperVector(...QUANT)!;
    expect(cosine(v, v)).toBeCloseTo(1, 5);
    expect(m.paperVector('', '')).toBeUndefined();
    expect(m.paperVector('😀 zzqxv', '\u0000')).toBeUndefined();
    expect(m.queryVector([{ term: 'zzqxv', weight: 1 }])).toBeUndefined();
    expect(m.queryVector([{ term: 'quantiz', weight: 0 }])).toBeUndefined();
    expect(m.paperVector('x'.repeat(100_000), 'robot '.repeat(50_000))).toBeDefined();
  });

  it('keeps a paper\'s vector in a byte a component, its cosines as they were', () => {
    const papers = [QUANT, ROBOT, DECODE].map(([t, a]) => m.paperVector(t, a)!);
    const q = query(m, 'low-bit quantization');
    for (const v of papers) {
      const components = new Int8Array(v.length);
      const scale = quantize(v, components);
      expect(Math.max(...Array.from(components, Math.abs))).toBe(127);
      expect(cosineStored(q, { components, scale })).toBeCloseTo(cosine(q, v), 2);
    }
    expect(quantize(new Float32Array(4), new Int8Array(4))).toBe(0);
  });

  it('reads a missing or damaged file as no meaning at all, saying why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-vectors-'));
    const truncated = path.join(dir, 'truncated.bin');
    writeFileSync(truncated, readFileSync(WORD_VECTORS_FILE).subarray(0, 100_000));
    for (const file of [path.join(dir, 'missing.bin'), truncated]) {
      const errors: unknown[] = [];
      expect(readMeaning(file, (err) => errors.push(err))).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(file.endsWith('missing.bin') ? /ENOENT/ : /truncated/);
    }
  });
});
