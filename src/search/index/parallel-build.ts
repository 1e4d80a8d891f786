/**
 * Full index builds on several cores: worker threads analyze batches of papers (the costly part:
 * tokenizing, stemming, acronym injection), each with a term dictionary of its own, while this
 * thread translates their term ids and adds the papers to the index in the order they were read.
 * The result is the index a single-threaded build makes, term ids included: a term gets its id
 * at its first appearance in reading order either way.
 */
import { Worker } from 'node:worker_threads';
import type { DocText } from './analyzed-doc.ts';
import type { AnalyzeResult } from './analyze-worker.ts';
import { ensure } from './grow.ts';
import type { MemoryIndex } from './memory-index.ts';

const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);
/** Batches queued per worker: enough to keep it busy, few enough to bound memory. */
const QUEUE_PER_WORKER = 3;

/** One worker and the translation of its term ids into the index's. */
interface Analyzer {
  worker: Worker;
  remap: Int32Array;
  known: number;
  waiting: { resolve: (r: AnalyzeResult) => void; reject: (e: Error) => void }[];
}

function startAnalyzer(synonyms: [string, string[]][]): Analyzer {
  const a: Analyzer = { worker: new Worker(WORKER_URL, { workerData: { synonyms } }), remap: new Int32Array(1024), known: 0, waiting: [] };
  a.worker.on('message', (r: AnalyzeResult) => a.waiting.shift()?.resolve(r));
  const fail = (e: Error): void => {
    for (const w of a.waiting.splice(0)) w.reject(e);
  };
  a.worker.on('error', fail);
  a.worker.on('exit', (code) => fail(new Error(`index analysis worker exited with code ${code}`)));
  return a;
}

/** Sends a batch to a worker; resolves with its analysis (workers answer in order). */
function analyzeOn(a: Analyzer, batch: number, docs: DocText[]): Promise<AnalyzeResult> {
  return new Promise((resolve, reject) => {
    a.waiting.push({ resolve, reject });
    a.worker.postMessage({ batch, docs });
  });
}

/** Adds an analyzed batch to the index, learning the worker's new terms first. */
function apply(index: MemoryIndex, a: Analyzer, r: AnalyzeResult): void {
  a.remap = ensure(a.remap, a.known + r.newTerms.length);
  for (const term of r.newTerms) a.remap[a.known++] = index.intern(term);
  for (const doc of r.docs) index.addAnalyzed(doc, a.remap);
}

/**
 * Adds every paper of `batches` to the index using `threads` worker threads; returns how many
 * were added. The caller commits.
 */
export async function addInParallel(index: MemoryIndex, batches: AsyncIterable<DocText[]>, threads: number): Promise<number> {
  const analyzers = Array.from({ length: threads }, () => startAnalyzer(index.synonyms.entries));
  const inflight: { a: Analyzer; result: Promise<AnalyzeResult> }[] = [];
  let added = 0;
  let n = 0;
  const applyOldest = async (): Promise<void> => {
    const next = inflight.shift()!;
    const r = await next.result;
    apply(index, next.a, r);
    added += r.docs.length;
  };
  try {
    for await (const docs of batches) {
      if (docs.length === 0) continue;
      const a = analyzers[n % threads]!;
      const result = analyzeOn(a, n++, docs);
      // A rejection is handled when its turn comes; until then it must not count as unhandled.
      result.catch(() => undefined);
      inflight.push({ a, result });
      if (inflight.length >= threads * QUEUE_PER_WORKER) await applyOldest();
    }
    while (inflight.length > 0) await applyOldest();
    return added;
  } finally {
    await Promise.all(analyzers.map((a) => a.worker.terminate()));
  }
}
