// Text analysis: folding, compounds, stopwords, spelling and stemming agree between documents and queries.
import { describe, expect, it } from 'vitest';
import { analyze, JOINED, SOLID, singleTerm, WORD } from './analyze.ts';
import { americanize } from './spelling.ts';

const words = (text: string): string[] => {
  const s = analyze(text);
  return s.terms.filter((_, i) => s.kinds[i] === WORD);
};

describe('analyze', () => {
  it('stems, lower-cases and drops stopwords while keeping positions', () => {
    const s = analyze('The Models of Learning');
    expect(s.terms).toEqual(['model', 'learn']);
    expect(s.positions).toEqual([1, 3]);
    expect(s.words).toBe(2);
  });

  it('reads the multiplication sign as the word it replaced', () => {
    expect(words('a 4× speedup, 2.5×-faster')).toEqual(words('a 4 times speedup, 2.5 times-faster'));
    expect(words('4× speedup')).toContain('time');
  });

  it('treats plurals and British spellings as one term', () => {
    expect(words('quantisation quantization quantized quantizes')).toEqual(['quantiz', 'quantiz', 'quantiz', 'quantiz']);
    expect(words('behaviour behavior')).toEqual(['behavior', 'behavior']);
    expect(words('LLMs LLM')).toEqual(['llm', 'llm']);
  });

  it('splits hyphenated compounds and also indexes them joined', () => {
    const s = analyze('key-value cache');
    expect(s.terms).toEqual(['kei', 'valu', 'keyvalu', 'cach']);
    expect(s.kinds).toEqual([WORD, WORD, JOINED, WORD]);
    expect(words('key value cache')).toEqual(words('key-value cache'));
    expect(analyze('keyvalue').terms).toEqual(['keyvalu']);
  });

  it('keeps versions and sizes findable as written and in parts', () => {
    const gpt = analyze('GPT-4');
    expect(gpt.terms).toEqual(['gpt', '4', 'gpt4']);
    const bits = analyze('4-bit and 4bit');
    expect(bits.terms.filter((t) => t === '4bit')).toHaveLength(2);
    const size = analyze('a 7B model');
    expect(size.terms).toContain('7b');
    expect(size.kinds[size.terms.indexOf('7b')]).toBe(SOLID);
  });

  it('folds accents and ignores LaTeX commands', () => {
    expect(words('Schrödinger $\\mathcal{O}(n)$')).toEqual(['schroding', 'o', 'n']);
  });

  it('gives the single term of an acronym, plural or not', () => {
    expect(singleTerm('LLMs')).toBe('llm');
    expect(singleTerm('MoE')).toBe('moe');
    expect(singleTerm('3DGS')).toBe('3dgs');
  });
});

describe('americanize', () => {
  it('converts -ise/-isation/-our/-yse but leaves words that only look like it', () => {
    expect(americanize('optimisation')).toBe('optimization');
    expect(americanize('normalised')).toBe('normalized');
    expect(americanize('analyse')).toBe('analyze');
    expect(americanize('colours')).toBe('colors');
    for (const w of ['precise', 'noise', 'pairwise', 'otherwise', 'promising', 'unsupervised', 'exercise', 'tour']) expect(americanize(w)).toBe(w);
  });
});
