// The indexing analyzer gives each paper exactly the terms, frequencies, lengths and title tokens
// that analyze() and SynonymTable.inject() (the query side) give, on the sample corpus and on odd text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, JOINED, push, termOf, WORD } from '../text/analyze.ts';
import { nameToken } from '../text/joins.ts';
import { AcronymMiner, type SynonymTable } from '../text/synonyms.ts';
import type { DocText } from './analyzed-doc.ts';
import { DocAnalyzer } from './doc-analyzer.ts';
import { FIELDS } from './docs.ts';

/** What a paper should index as, from the string analysis, with terms as strings. */
function expected(doc: DocText, synonyms: SynonymTable) {
  const plain = { versions: false };
  const authors = analyze(doc.authors.join(' ; '), 5000, undefined, plain);
  // Each name also as one token ("@adalovelace"), for searches by full name.
  for (const name of doc.authors.slice(0, 100)) {
    const joined = termOf(nameToken(name));
    if (joined) push(authors, joined, authors.positions.at(-1) ?? 0, JOINED, 0);
  }
  const fields = [synonyms.inject(analyze(doc.title)), synonyms.inject(analyze(doc.abstract, 100_000, undefined, plain)), authors];
  const tf = new Map<string, number[]>();
  fields.forEach((s, f) =>
    s.terms.forEach((t, i) => {
      const v = tf.get(t) ?? [0, 0, 0];
      if ((s.kinds[i] === WORD || v[f] === 0) && v[f]! < 255) v[f]!++;
      tf.set(t, v);
    }),
  );
  return { terms: [...tf.keys()], tf: [...tf.values()], lengths: fields.map((s) => s.words), title: fields[0]!.terms, titlePos: fields[0]!.positions };
}

function dictionary() {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const intern = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = terms.push(t) - 1;
      ids.set(t, id);
    }
    return id;
  };
  return { intern, terms };
}

const sample: DocText[] = readFileSync('data/sample/hf-papers-sample.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    const r = JSON.parse(l) as { title: string; abstract?: string; summary?: string; authors?: string[] };
    return { id: `s${i}`, title: r.title, abstract: r.abstract ?? r.summary ?? '', authors: r.authors ?? [] };
  });

const odd: DocText[] = [
  { id: 'o1', title: 'KV Cache Compression for Large Language Models (LLMs)', abstract: 'The key-value (KV) cache of large language models grows; a key value cache is large. GPT-4, fp16, 7B, 3D-GS.', authors: ['Ada Lovelace', 'Émile Borel'] },
  { id: 'o2', title: 'Schrödinger $\\pi_{RL}$ MERGE$^3$ — ﬁne-tuning', abstract: 'Ünïcödé ﬁelds: naïve Bayes; 東京 データ; emoji 🚀 and the the the.', authors: [] },
  { id: 'o3', title: '', abstract: '', authors: [] },
  { id: 'o4', title: 'a-b-c-d-e x-y', abstract: 'reinforcement learning from human feedback (RLHF) with retrieval augmented generation', authors: ['X'] },
  { id: 'o5', title: 'word '.repeat(30_000), abstract: 'large language model '.repeat(2000), authors: Array.from({ length: 3000 }, (_, i) => `Author ${i}`) },
];

describe('DocAnalyzer', () => {
  const miner = new AcronymMiner();
  for (const d of sample) {
    miner.scan(d.title);
    miner.scan(d.abstract);
  }
  const synonyms = miner.build(sample.length);

  it('indexes each paper as the query-side analysis reads it', () => {
    expect(sample.length).toBeGreaterThan(300);
    expect(synonyms.size).toBeGreaterThan(10);
    const { intern, terms } = dictionary();
    const analyzer = new DocAnalyzer(synonyms, intern);
    let injected = 0;
    for (const doc of [...sample, ...odd]) {
      const got = analyzer.analyze(doc);
      const want = expected(doc, synonyms);
      expect([...got.terms].map((id) => terms[id])).toEqual(want.terms);
      const tf = Array.from({ length: got.terms.length }, (_, k) => [...got.tf.subarray(k * FIELDS, (k + 1) * FIELDS)]);
      expect(tf).toEqual(want.tf);
      expect([...got.lengths]).toEqual(want.lengths);
      expect([...got.titleTerms].map((id) => terms[id])).toEqual(want.title);
      expect([...got.titlePos]).toEqual(want.titlePos.map((p) => Math.min(p, 65535)));
      injected += want.terms.filter((t) => synonyms.isAcronym(t)).length;
    }
    // The comparison covered acronym injection, not only plain words, and names.
    expect(injected).toBeGreaterThan(50);
    expect([...analyzer.analyze(odd[0]!).terms].map((id) => terms[id])).toEqual(expect.arrayContaining(['@adalovelace', '@emileborel']));
  });

  it('hands out term ids in order of first appearance, whatever it has seen before', () => {
    const a = dictionary();
    const b = dictionary();
    const warm = new DocAnalyzer(synonyms, a.intern);
    const cold = new DocAnalyzer(synonyms, b.intern);
    for (const doc of sample.slice(0, 50)) warm.analyze(doc);
    const before = a.terms.length;
    for (const doc of sample.slice(50)) warm.analyze(doc);
    for (const doc of sample) cold.analyze(doc);
    expect(b.terms).toEqual(a.terms);
    expect(before).toBeLessThan(a.terms.length);
  });
});
