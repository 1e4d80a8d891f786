// The search index over a real store on every dialect: ranking behaviour, hostile input, incremental sync, related papers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createPaperSearch, type PaperSearch } from './index.ts';

const PAPERS = [
  paperInput({ id: 'title-match', title: 'Speculative Decoding for Fast Inference', abstract: 'We draft tokens with a small model and verify them.' }),
  paperInput({ id: 'abstract-only', title: 'A Study of Serving Systems', abstract: 'Among other things we evaluate speculative decoding in production.' }),
  paperInput({ id: 'llm-spelled', title: 'Scaling Laws Revisited', abstract: 'We train large language models on curated data and study their loss curves.' }),
  paperInput({ id: 'kv-spelled', title: 'Eviction Policies for the Key-Value Cache', abstract: 'Long contexts need memory; we evict entries of the key-value cache by importance.' }),
  paperInput({ id: 'phrase', title: 'Graph Neural Networks at Scale', abstract: 'Message passing graph neural networks trained on billions of edges.' }),
  paperInput({ id: 'scattered', title: 'Neural Methods for Graph Layout', abstract: 'A graph drawing tool where each layout step is learned by networks of neural units.' }),
  paperInput({ id: 'moe', title: 'Sparse Mixture-of-Experts Routing', abstract: 'Routing tokens to experts in mixture of experts layers reduces compute.' }),
  paperInput({ id: 'quant-uk', title: 'Post-Training Quantisation of Transformers', abstract: 'We quantise weights to 4-bit integers.' }),
  paperInput({ id: 'int4', title: 'Rounding Network Weights to Int4 for Cheaper Serving', abstract: 'Each weight of a large model is stored in four bits with per-channel scales, after training, so inference needs less memory.' }),
  paperInput({ id: 'evidence', title: 'Weights of Evidence', abstract: 'Combining weights of evidence from clinical trials.' }),
  paperInput({ id: 'filler', title: 'Unrelated Astronomy', abstract: 'Dark matter halos in dwarf galaxies, a new paper and approach.' }),
];

const HOSTILE = [
  '',
  ' ',
  '"',
  '""""',
  '"unterminated phrase',
  'AND',
  'OR OR OR',
  'NOT',
  '-',
  '-speculative',
  '+decoding*',
  'title:foo',
  '(((',
  ')))',
  'a AND (b OR NOT c)',
  'NEAR(a b, 3)',
  '^*:"\\',
  "'; DROP TABLE papers; --",
  '😀🔥 emoji only',
  '\ud800 lone surrogate \udfff',
  '\u0000\u0001\u0002',
  '\u202e right-to-left',
  'Ω≈ç√∫˜µ≤≥÷',
  '漢字 中文 検索',
  'the of and a',
  'x'.repeat(10_000),
  'speculative '.repeat(1000),
  Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' '),
  '$\\mathcal{O}(n^2)$',
  '----------',
  '%_%',
];

describe.each(DIALECTS)('paper search (%s)', (dialect) => {
  let t: TestDatabase;
  let search: PaperSearch;
  const ids = async (q: string, limit = 10): Promise<string[]> => (await search.search(q, { limit, offset: 0 })).hits.map((h) => h.id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, PAPERS);
    search = createPaperSearch(t.db);
    expect(await search.sync()).toBe(PAPERS.length);
  });
  afterAll(async () => t.drop());

  it('ranks a title match above an abstract-only match', async () => {
    expect((await ids('speculative decoding')).slice(0, 2)).toEqual(['title-match', 'abstract-only']);
  });

  it('finds "large language models" for the query "LLM" and the reverse', async () => {
    expect(await ids('LLM')).toContain('llm-spelled');
    expect(await ids('LLMs')).toContain('llm-spelled');
  });

  it('finds "key-value cache" for "KV cache", however it is hyphenated', async () => {
    for (const q of ['KV cache', 'key value cache', 'key-value cache', 'keyvalue cache']) expect((await ids(q))[0], q).toBe('kv-spelled');
  });

  it('ranks the phrase above the same words scattered', async () => {
    const r = await ids('graph neural networks');
    expect(r.indexOf('phrase')).toBeLessThan(r.indexOf('scattered'));
    expect(r.indexOf('scattered')).toBeGreaterThanOrEqual(0);
  });

  it('expands MoE and matches British spelling', async () => {
    expect((await ids('MoE'))[0]).toBe('moe');
    expect((await ids('quantization'))[0]).toBe('quant-uk');
    expect((await ids('4bit quantized'))[0]).toBe('quant-uk');
  });

  it('ignores question words and filler in natural-language queries', async () => {
    expect((await ids('how do I find papers about speculative decoding?'))[0]).toBe('title-match');
  });

  it('ranks by meaning among papers that match the same words', async () => {
    // Only "weights" is in either paper; words alone prefer the short paper that repeats it.
    const wordsOnly = createPaperSearch(t.db, { meaning: false });
    await wordsOnly.sync();
    const q = 'compressing LLM weights';
    const lexical = (await wordsOnly.search(q, { limit: 10, offset: 0 })).hits.map((h) => h.id);
    expect(lexical.indexOf('evidence')).toBeLessThan(lexical.indexOf('int4'));
    const r = await ids(q);
    expect(r.indexOf('int4')).toBeLessThan(r.indexOf('evidence'));
  });

  it('finds the papers closest in meaning when no paper has any word of the query', async () => {
    const page = await search.search('fp8', { limit: 10, offset: 0 });
    expect(page.byMeaning).toBe(true);
    expect(page.hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['int4', 'quant-uk']);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect((await search.search('fp8', { limit: 1, offset: 1 })).hits[0]?.id).toBe(page.hits[1]?.id);
    // A topic no paper is near finds nothing rather than noise; digests' topics stay literal.
    expect(await search.search('chess', { limit: 10, offset: 0 })).toEqual({ total: 0, hits: [] });
    expect(await search.search('fp8', { limit: 10, offset: 0, within: ['int4', 'quant-uk'] })).toEqual({ total: 0, hits: [] });
    const wordsOnly = createPaperSearch(t.db, { meaning: false });
    await wordsOnly.sync();
    expect(await wordsOnly.search('fp8', { limit: 10, offset: 0 })).toEqual({ total: 0, hits: [] });
    // Queries with a known word are ordinary searches.
    expect((await search.search('quantization', { limit: 10, offset: 0 })).byMeaning).toBeUndefined();
  });

  it('lists and counts only papers with a word of the query beyond its filler', async () => {
    // "paper", "new" and "approach" are filler; the astronomy paper has only those.
    const page = await search.search('a new paper approach for speculative decoding', { limit: 20, offset: 0 });
    expect(page.hits.map((h) => h.id)).not.toContain('filler');
    expect(page.hits.map((h) => h.id).sort()).toEqual(['abstract-only', 'title-match']);
    expect(page.total).toBe(page.hits.length);
    // Filler and a word no paper has: the search by meaning, as for that word alone.
    const byMeaning = await search.search('papers about fp8', { limit: 10, offset: 0 });
    expect(byMeaning.byMeaning).toBe(true);
    expect(byMeaning.hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['int4', 'quant-uk']);
    expect(await search.search('papers about fp8', { limit: 10, offset: 0, within: ['filler', 'int4'] })).toEqual({ total: 0, hits: [] });
    // A query of filler alone is about its filler.
    expect(await ids('new paper')).toContain('filler');
  });

  it('reports a total and pages consistently', async () => {
    const all = await search.search('neural graph decoding', { limit: 10, offset: 0 });
    expect(all.total).toBe(all.hits.length);
    const second = await search.search('neural graph decoding', { limit: 1, offset: 1 });
    expect(second.hits[0]?.id).toBe(all.hits[1]?.id);
  });

  it('never throws on hostile input', async () => {
    for (const q of HOSTILE) {
      const page = await search.search(q, { limit: 10, offset: 0 });
      expect(Array.isArray(page.hits), JSON.stringify(q.slice(0, 20))).toBe(true);
      expect(page.total).toBeGreaterThanOrEqual(0);
    }
    expect((await search.search('-speculative', { limit: 10, offset: 0 })).hits[0]?.id).toBe('title-match');
    expect(await search.search('speculative', { limit: Number.NaN, offset: -5 })).toBeDefined();
  });

  it('ranks only the papers it is given with `within`, with the same scores as a full search', async () => {
    const full = await search.search('speculative decoding', { limit: 10, offset: 0 });
    const within = await search.search('speculative decoding', { limit: 10, offset: 0, within: ['abstract-only', 'filler', 'no-such-paper'] });
    expect(within.hits.map((h) => h.id)).toEqual(['abstract-only']);
    expect(within.total).toBe(1);
    expect(within.hits[0]!.score).toBeCloseTo(full.hits.find((h) => h.id === 'abstract-only')!.score, 3);
    expect(await search.search('speculative decoding', { limit: 10, offset: 0, within: [] })).toEqual({ total: 0, hits: [] });
    // The restriction does not stick to later searches.
    expect((await ids('speculative decoding')).slice(0, 2)).toEqual(['title-match', 'abstract-only']);
  });

  it('a scoped search ranks as `within` does, query after query, with texts given or read once', async () => {
    const scopeIds = ['abstract-only', 'title-match', 'filler', 'int4', 'quant-uk', 'evidence', 'no-such-paper'];
    const rows = await t.db.selectFrom('papers').select(['id', 'title', 'abstract']).where('id', 'in', scopeIds).execute();
    const given = search.scoped(scopeIds, new Map(rows.map((r) => [r.id, { title: r.title, abstract: r.abstract }])));
    const read = search.scoped(scopeIds);
    for (const q of ['speculative decoding', 'compressing LLM weights', 'quantization', 'fp8', '"unbalanced quote', 'decoding']) {
      const expected = await search.search(q, { limit: 5, offset: 0, within: scopeIds });
      expect(await given.search(q, { limit: 5, offset: 0 }), q).toEqual(expected);
      expect(await read.search(q, { limit: 5, offset: 0 }), q).toEqual(expected);
      // Asked again, from what the scope kept.
      expect(await read.search(q, { limit: 5, offset: 0 }), q).toEqual(expected);
    }
    expect(await search.scoped([]).search('decoding', { limit: 5, offset: 0 })).toEqual({ total: 0, hits: [] });
  });

  it('finds related papers by content, excluding the paper itself', async () => {
    const related = await search.related('title-match', 3);
    expect(related.map((h) => h.id)).not.toContain('title-match');
    expect(related[0]?.id).toBe('abstract-only');
    expect(await search.related('no-such-paper', 3)).toEqual([]);
  });

  it('follows inserts, text updates and hidden papers incrementally', async () => {
    expect(await search.sync()).toBe(0);
    await storePapers(t.db, [paperInput({ id: 'new-one', title: 'Zymurgy of Transformers', abstract: 'Fermentation.' })]);
    expect(await search.sync()).toBe(1);
    expect(await ids('zymurgy')).toEqual(['new-one']);
    await storePapers(t.db, [paperInput({ id: 'new-one', title: 'Oenology of Transformers', abstract: 'Wine.' })]);
    expect(await search.sync()).toBe(1);
    expect(await ids('zymurgy')).toEqual([]);
    expect(await ids('oenology')).toEqual(['new-one']);
    await t.db.updateTable('papers').set({ hidden: 1, text_seq: 1_000_000 }).where('id', '=', 'new-one').execute();
    expect(await search.sync()).toBe(1);
    expect(await ids('oenology')).toEqual([]);
    expect(search.size).toBe(PAPERS.length);
  });

  it('serves searches while a sync runs and shares one run between callers', async () => {
    const [a, b] = await Promise.all([search.sync(), search.sync()]);
    expect(a).toBe(b);
  });
});
