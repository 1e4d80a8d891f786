/**
 * Keeping an index in step with the store by following text_seq. The first sync (and any sync
 * facing more pending changes than the index holds, or too many tombstones) builds a fresh index
 * in two passes: one mines acronym definitions from the whole corpus, one indexes. Searches keep
 * using the old index until the new one is complete. Other syncs apply changes incrementally.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { availableParallelism } from 'node:os';
import { MemoryIndex } from './index/memory-index.ts';
import { AnalyzerPool, applyPages } from './index/parallel-build.ts';
import { changesSince, countChangesSince, type Cursor } from './store.ts';
import type { Meaning } from './semantic/meaning.ts';
import { AcronymMiner } from './text/synonyms.ts';

/** An index, where it stands in the change stream, and the workers that analyze for it. */
export interface Followed {
  index: MemoryIndex;
  cursor: Cursor;
  pool?: AnalyzerPool | undefined;
}

/** Share of tombstoned docs past which the next sync rebuilds (reclaims memory, fixes df). */
const MAX_DEAD_SHARE = 0.25;
const MIN_REBUILD_CHANGES = 1000;
/** Below this many papers a build stays on this thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_DOCS = 20_000;
/** From this many changes on, a sync analyzes them on a worker, keeping this thread free for requests. */
const OFF_THREAD_MIN_CHANGES = 500;

/** How indexing may use the machine. */
export interface BuildOptions {
  /**
   * Threads that analyze papers; 0 or 1: this thread alone. Default: one per core (at most 4),
   * used by full builds of 20,000 papers or more and by syncs of 500 changes or more. Given
   * explicitly, it applies to every build and sync.
   */
  threads?: number;
  /**
   * A full build for a node already serving from an older index: workers analyze (from 500
   * papers on) and this thread only merges, as in a sync. Otherwise this thread takes a share.
   */
  serving?: boolean;
}

/**
 * How many changes the next sync applies to the index, or 'rebuild' when it should build a new
 * index instead (none yet, too many tombstones, or more changes than papers indexed).
 */
export async function pendingWork(db: Kysely<DB>, f: Followed | undefined): Promise<number | 'rebuild'> {
  if (!f) return 'rebuild';
  const { docs } = f.index;
  if (docs.count - docs.live > MAX_DEAD_SHARE * docs.count && docs.count > MIN_REBUILD_CHANGES) return 'rebuild';
  const pending = await countChangesSince(db, f.cursor.seq);
  return pending > Math.max(MIN_REBUILD_CHANGES, docs.live) ? 'rebuild' : pending;
}

/**
 * Builds a complete index from the store (with papers' vectors by `meaning`, if given); returns it
 * with the number of papers indexed.
 */
export async function buildIndex(db: Kysely<DB>, opts: BuildOptions = {}, meaning?: Meaning): Promise<{ followed: Followed; changed: number }> {
  const miner = new AcronymMiner();
  let scanned = 0;
  for await (const page of changesSince(db, { seq: -1, id: '' })) {
    for (const c of page) {
      if (c.hidden) continue;
      miner.scan(c.title);
      miner.scan(c.abstract);
      scanned++;
    }
  }
  const index = new MemoryIndex(miner.build(scanned), meaning);
  index.docs.reserve(scanned);
  const cursor: Cursor = { seq: -1, id: '' };
  const threads = opts.threads ?? (scanned >= (opts.serving ? OFF_THREAD_MIN_CHANGES : PARALLEL_MIN_DOCS) ? defaultThreads() : 0);
  const pool = threads > 1 ? new AnalyzerPool(index.synonyms, threads - 1, meaning) : undefined;
  const changed = await applyPages(index, changesSince(db, cursor), { pool, here: !opts.serving });
  index.commit();
  // A node's first build is a one-off: its workers' dictionaries would only hold memory. A
  // rebuild happens under load (an import filling the store), so its worker stays for the syncs.
  if (!opts.serving) await pool?.close();
  return { followed: { index, cursor, pool: opts.serving ? pool : undefined }, changed };
}

const defaultThreads = (): number => Math.min(availableParallelism(), 4);

/** Applies the `pending` changes since the cursor to the index; returns how many papers changed. */
export async function applyChanges(db: Kysely<DB>, f: Followed, pending: number, opts: BuildOptions = {}): Promise<number> {
  // Pages are read ahead of what is applied: the cursor moves only once all of them are in, so a
  // failed run (a worker lost) is applied again from the same place by the next sync.
  const cursor = { ...f.cursor };
  const threads = opts.threads ?? (pending >= OFF_THREAD_MIN_CHANGES ? defaultThreads() : 0);
  if (threads > 1) f.pool ??= new AnalyzerPool(f.index.synonyms, threads - 1, f.index.meaning);
  // Workers analyze, this thread only merges: a sync runs beside requests and ingestion.
  const changed = await applyPages(f.index, changesSince(db, cursor), threads > 1 ? { pool: f.pool, here: false } : {});
  Object.assign(f.cursor, cursor);
  if (changed > 0) f.index.commit();
  return changed;
}
