/**
 * Builds the search benchmark's stores: the real arXiv corpus in a SQLite file, and a larger one
 * padded with synthetic papers drawn from the corpus's own vocabulary and length distributions.
 * Both are cached under bench/.cache/search so re-runs skip this step.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PaperInput } from '../../src/core/paper.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { countPapers, upsertPapers } from '../../src/db/papers.ts';
import { parseRecord } from '../../src/sources/records.ts';
import { corpusLines } from './corpus.ts';

export const CACHE = path.resolve('bench/.cache/search');
const BATCH = 4000;

/** Streams the corpus's records. */
async function* corpus(): AsyncGenerator<PaperInput> {
  for await (const line of corpusLines()) {
    const r = parseRecord(JSON.parse(line));
    if (r.ok) yield r.paper;
  }
}

async function insertAll(file: string, papers: AsyncIterable<PaperInput> | Iterable<PaperInput>, log: (n: number) => void): Promise<void> {
  const database = openDatabase(`sqlite:${file}`);
  await migrateToLatest(database);
  let batch: PaperInput[] = [];
  let n = 0;
  const flush = async (): Promise<void> => {
    await database.db.transaction().execute((trx) => upsertPapers(trx, batch));
    n += batch.length;
    batch = [];
    log(n);
  };
  for await (const p of papers) {
    batch.push(p);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  await database.close();
}

/** The store with the real corpus (about 190k papers); built once. */
export async function realStore(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, 'arxiv-190k.db');
  if (existsSync(file)) return file;
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  const t0 = Date.now();
  await insertAll(tmp, corpus(), (n) => n % 40_000 === 0 && console.error(`  loaded ${n} papers (${((Date.now() - t0) / 1000).toFixed(0)} s)`));
  renameSync(tmp, file);
  return file;
}

// Deterministic random numbers, so every run builds the same synthetic corpus.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word pools (sampling a pool position draws from the unigram distribution) and length samples. */
interface Pools {
  words: string[];
  titleWords: Uint32Array;
  abstractWords: Uint32Array;
  titleLens: number[];
  abstractLens: number[];
  authors: string[];
}

async function pools(): Promise<Pools> {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const title: number[] = [];
  const abs: number[] = [];
  const p: Pools = { words, titleWords: new Uint32Array(0), abstractWords: new Uint32Array(0), titleLens: [], abstractLens: [], authors: [] };
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      ids.set(w, id);
      words.push(w);
    }
    return id;
  };
  let i = 0;
  for await (const paper of corpus()) {
    const t = paper.title.split(/\s+/).filter(Boolean);
    const a = paper.abstract.split(/\s+/).filter(Boolean);
    p.titleLens.push(t.length);
    p.abstractLens.push(a.length);
    for (const w of t) title.push(idOf(w));
    // Every 4th abstract is enough for the unigram distribution and keeps the pool small.
    if (i++ % 4 === 0) for (const w of a) abs.push(idOf(w));
    if (i % 8 === 0) p.authors.push(...paper.authors.slice(0, 3));
  }
  p.titleWords = Uint32Array.from(title);
  p.abstractWords = Uint32Array.from(abs);
  return p;
}

function* synthetic(p: Pools, count: number): Generator<PaperInput> {
  const rnd = mulberry32(42);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)]!;
  const text = (pool: Uint32Array, len: number): string => Array.from({ length: len }, () => p.words[pick(pool)]).join(' ');
  for (let n = 0; n < count; n++) {
    const id = `synth-${String(n).padStart(7, '0')}`;
    const authors = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(p.authors));
    yield {
      id,
      arxivId: null,
      title: `${text(p.titleWords, Math.max(2, pick(p.titleLens)))} ${n.toString(36)}`,
      abstract: text(p.abstractWords, Math.max(5, pick(p.abstractLens))),
      authors,
      authorsCount: authors.length,
      organization: null,
      publishedOn: '2025-01-01',
      feedDate: null,
      upvotes: 0,
      categories: [],
      githubRepo: null,
      projectPage: null,
    };
  }
}

/** The real store padded with synthetic papers to `total`; built once per size. */
export async function paddedStore(total: number): Promise<string> {
  const real = await realStore();
  const file = path.join(CACHE, `arxiv-${total}.db`);
  if (existsSync(file)) return file;
  const database = openDatabase(`sqlite:${real}`);
  const have = await countPapers(database.db);
  await database.close();
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  copyFileSync(real, tmp);
  const p = await pools();
  const t0 = Date.now();
  await insertAll(tmp, synthetic(p, total - have), (n) => n % 100_000 === 0 && console.error(`  synthetic ${n} (${((Date.now() - t0) / 1000).toFixed(0)} s)`));
  renameSync(tmp, file);
  return file;
}
