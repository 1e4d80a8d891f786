/**
 * Applying the store's change stream to an index, on one core or several. Worker threads analyze
 * batches of papers (the costly part:
 * tokenizing, stemming, acronym injection), each with a term dictionary of its own, while this
 * thread analyzes its share, translates the workers' term ids and adds the papers to the index in
 * the order they were read.
 * The result is the index a single-threaded build makes, term ids included: a term gets its id
 * at its first appearance in reading order either way.
 */
import { Worker } from 'node:worker_threads';
import { type DocText, unpackDocs } from './analyzed-doc.ts';
import type { AnalyzeResult } from './analyze-worker.ts';
import { ensure } from './grow.ts';
import type { MemoryIndex } from './memory-index.ts';

const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);
/** Batches queued per worker: enough to keep it busy, few enough to bound memory. */
const QUEUE_PER_WORKER = 2;

/** One worker and the translation of its term ids into the index's. */
interface Analyzer {
  worker: Worker;
  remap: Int32Array;
  known: number;
  waiting: { resolve: (r: AnalyzeResult) => void; reject: (e: Error) => void }[];
  /** Why the worker stopped, once it has: later batches fail at once instead of waiting forever. */
  failed?: Error;
}

function startAnalyzer(synonyms: [string, string[]][]): Analyzer {
  const a: Analyzer = { worker: new Worker(WORKER_URL, { workerData: { synonyms } }), remap: new Int32Array(1024), known: 0, waiting: [] };
  a.worker.on('message', (r: AnalyzeResult) => a.waiting.shift()?.resolve(r));
  const fail = (e: Error): void => {
    a.failed ??= e;
    for (const w of a.waiting.splice(0)) w.reject(a.failed);
  };
  a.worker.on('error', fail);
  a.worker.on('exit', (code) => fail(new Error(`index analysis worker exited with code ${code}`)));
  return a;
}

/** Sends a batch to a worker; resolves with its analysis (workers answer in order). */
function analyzeOn(a: Analyzer, batch: number, docs: DocText[]): Promise<AnalyzeResult> {
  return new Promise((resolve, reject) => {
    if (a.failed) return reject(a.failed);
    a.waiting.push({ resolve, reject });
    a.worker.postMessage({ batch, docs });
  });
}

/** A paper of the change stream: hidden ones leave the index. */
export type DocChange = DocText & { hidden?: boolean };

/**
 * Applies a batch to the index: removes its hidden papers, then adds the analyzed ones (learning
 * the worker's new terms first). Returns how many papers it changed.
 */
function apply(index: MemoryIndex, a: Analyzer, r: AnalyzeResult, hidden: string[]): number {
  let removed = 0;
  for (const id of hidden) if (index.remove(id)) removed++;
  a.remap = ensure(a.remap, a.known + r.newTerms.length);
  for (const term of r.newTerms) a.remap[a.known++] = index.intern(term);
  const docs = unpackDocs(r.docs);
  for (const doc of docs) index.addAnalyzed(doc, a.remap);
  return removed + docs.length;
}

/** Papers analyzed on this thread between yields to the event loop, so requests are still served. */
const YIELD_EVERY = 250;
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Applies every change of `batches` to the index, in order, using `threads` threads: this one and
 * `threads - 1` workers take batches in turn (a worker thread costs its own copy of the
 * dictionaries, so this thread works too rather than wait); with `threads` 0 or 1, this thread
 * alone. Visible papers are (re)indexed, hidden ones removed. Returns how many papers were
 * indexed or removed. The caller commits.
 */
export async function applyPages(index: MemoryIndex, batches: AsyncIterable<DocChange[]>, threads: number): Promise<number> {
  const analyzers = Array.from({ length: Math.max(0, threads - 1) }, () => startAnalyzer(index.synonyms.entries));
  const slots = analyzers.length + 1;
  // This thread's batches are analyzed when their turn comes, so terms get their ids in reading order.
  const inflight: { a?: Analyzer; result?: Promise<AnalyzeResult>; docs: DocText[]; hidden: string[] }[] = [];
  let changed = 0;
  let n = 0;
  const applyOldest = async (): Promise<void> => {
    const next = inflight.shift()!;
    if (next.a && next.result) {
      changed += apply(index, next.a, await next.result, next.hidden);
      return;
    }
    for (const id of next.hidden) if (index.remove(id)) changed++;
    for (const doc of next.docs) {
      index.add(doc);
      if (++changed % YIELD_EVERY === 0) await breathe();
    }
  };
  try {
    for await (const batch of batches) {
      const docs = batch.filter((c) => !c.hidden).map((c) => ({ id: c.id, title: c.title, abstract: c.abstract, authors: c.authors }));
      const hidden = batch.filter((c) => c.hidden).map((c) => c.id);
      const slot = n++ % slots;
      if (slot === 0) {
        inflight.push({ docs, hidden });
      } else {
        const a = analyzers[slot - 1]!;
        const result = analyzeOn(a, n, docs);
        // A rejection is handled when its turn comes; until then it must not count as unhandled.
        result.catch(() => undefined);
        inflight.push({ a, result, docs: [], hidden });
      }
      if (inflight.length >= slots * QUEUE_PER_WORKER) await applyOldest();
    }
    while (inflight.length > 0) await applyOldest();
    return changed;
  } finally {
    await Promise.all(analyzers.map((a) => a.worker.terminate()));
  }
}
