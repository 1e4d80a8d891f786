/**
 * Where the benchmarks find the real arXiv corpus (190,809 papers as gzipped JSONL), and a reader
 * for it. The corpus sits beside the project (`../shared/data/`); BENCH_CORPUS names another copy.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** Path of the gzipped JSONL corpus. */
export const CORPUS = path.resolve(process.env['BENCH_CORPUS'] ?? '../shared/data/arxiv-corpus.jsonl.gz');

/** The corpus's non-empty lines, in order. */
export async function* corpusLines(): AsyncGenerator<string> {
  for await (const line of createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity })) {
    if (line.trim()) yield line;
  }
}

/** The first `limit` records of the corpus as parsed JSON. */
export async function readCorpus(limit = Infinity): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const line of corpusLines()) {
    if (out.length >= limit) break;
    out.push(JSON.parse(line) as Record<string, unknown>);
  }
  return out;
}
