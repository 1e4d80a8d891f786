/**
 * Applying the store's change stream to an index, on one core or several. Worker threads analyze
 * batches of papers (the costly part: tokenizing, stemming, acronym injection), each with a term
 * dictionary of its own; this thread may analyze a share too, translates the workers' term ids and
 * adds the papers to the index in the order they were read. Workers stay with their index between
 * syncs (an AnalyzerPool), so a node following a busy store keeps analysis off its event loop.
 * The result is the index a single-threaded build makes, term ids included: a term gets its id
 * at its first appearance in reading order either way.
 */
import { Worker } from 'node:worker_threads';
import { type DocText, unpackDocs } from './analyzed-doc.ts';
import type { AnalyzeResult, AnalyzeWorkerData } from './analyze-worker.ts';
import { ensure } from './grow.ts';
import type { MemoryIndex } from './memory-index.ts';
import type { Meaning } from '../semantic/meaning.ts';
import type { SynonymTable } from '../text/synonyms.ts';

const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);
/** Terms a worker's dictionary holds before it starts again (see AnalyzeWorkerData.maxTerms). */
export const WORKER_MAX_TERMS = 200_000;
/** Batches queued per worker: enough to keep it busy, few enough to bound memory. */
const QUEUE_PER_WORKER = 2;
/**
 * The same when this thread only merges: it may be busy elsewhere (writing an import's batch)
 * for a second or more, and the workers should not run dry meanwhile.
 */
const QUEUE_OFF_THREAD = 8;

/** One worker and the translation of its term ids into the index's. */
interface Analyzer {
  worker: Worker;
  remap: Int32Array;
  known: number;
  waiting: { resolve: (r: AnalyzeResult) => void; reject: (e: Error) => void }[];
  /** Why the worker stopped, once it has: later batches fail at once instead of waiting forever. */
  failed?: Error;
}

function startAnalyzer(workerData: AnalyzeWorkerData): Analyzer {
  const a: Analyzer = { worker: new Worker(WORKER_URL, { workerData }), remap: new Int32Array(1024), known: 0, waiting: [] };
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
  if (r.fresh) a.known = 0;
  a.remap = ensure(a.remap, a.known + r.newTerms.length);
  for (const term of r.newTerms) a.remap[a.known++] = index.intern(term);
  // The batch is ours (moved, not copied): translate its term ids in place, in two flat loops.
  const { terms, titleTerms } = r.docs;
  const remap = a.remap;
  for (let i = 0; i < terms.length; i++) terms[i] = remap[terms[i]!]!;
  for (let i = 0; i < titleTerms.length; i++) titleTerms[i] = remap[titleTerms[i]!]!;
  const docs = unpackDocs(r.docs);
  for (const doc of docs) index.addAnalyzed(doc);
  return removed + docs.length;
}

/** Papers analyzed on this thread between yields to the event loop, so requests are still served. */
const YIELD_EVERY = 250;
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Idle time after which a pool's workers stop (they start again when next needed). */
const IDLE_MS = 60_000;

/**
 * Analysis workers for one index: its synonym table and word vectors, and in each worker a term dictionary whose
 * ids the pool translates into the index's. Workers start on first use and stop after a minute
 * idle; after a failed run they are all stopped, since their dictionaries may have run ahead.
 */
export class AnalyzerPool {
  private analyzers: Analyzer[] = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly synonyms: SynonymTable,
    readonly size: number,
    private readonly meaning?: Meaning,
    private readonly maxTerms = WORKER_MAX_TERMS,
  ) {}

  /** The workers, started if need be (a run has them until release() or close()). */
  acquire(): Analyzer[] {
    clearTimeout(this.idleTimer);
    while (this.analyzers.length < this.size) this.analyzers.push(startAnalyzer({ synonyms: this.synonyms.entries, vectors: this.meaning?.vectors, maxTerms: this.maxTerms }));
    for (const a of this.analyzers) a.worker.ref();
    return this.analyzers;
  }

  /** Ends a run that applied every batch it sent: the workers wait for the next one. */
  release(): void {
    // Waiting workers must not keep the process alive.
    for (const a of this.analyzers) a.worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const stopping = this.analyzers.splice(0);
    await Promise.all(stopping.map((a) => a.worker.terminate()));
  }
}

/** Where applyPages analyzes: a pool's workers, and whether this thread takes a share too. */
export interface ApplyThreads {
  pool?: AnalyzerPool | undefined;
  /** Analyze on this thread as well (a build with nothing else to do); default true without a pool. */
  here?: boolean;
}

/**
 * Applies every change of `batches` to the index, in order. The pool's workers, and this thread
 * when `here`, take batches in turn; without a pool, this thread alone. Visible papers are
 * (re)indexed, hidden ones removed. Returns how many papers were indexed or removed. The caller
 * commits.
 */
export async function applyPages(index: MemoryIndex, batches: AsyncIterable<DocChange[]>, threads: ApplyThreads = {}): Promise<number> {
  const analyzers = threads.pool?.acquire() ?? [];
  const here = analyzers.length === 0 || threads.here !== false;
  const slots = analyzers.length + (here ? 1 : 0);
  const depth = slots * (here ? QUEUE_PER_WORKER : QUEUE_OFF_THREAD);
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
      if (here && slot === 0) {
        inflight.push({ docs, hidden });
      } else {
        const a = analyzers[here ? slot - 1 : slot]!;
        const result = analyzeOn(a, n, docs);
        // A rejection is handled when its turn comes; until then it must not count as unhandled.
        result.catch(() => undefined);
        inflight.push({ a, result, docs: [], hidden });
      }
      if (inflight.length >= depth) await applyOldest();
    }
    while (inflight.length > 0) await applyOldest();
    threads.pool?.release();
    return changed;
  } catch (err) {
    await threads.pool?.close();
    throw err;
  }
}
