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
import { applyInParallel } from './index/parallel-build.ts';
import { changesSince, countChangesSince, type Cursor } from './store.ts';
import { AcronymMiner } from './text/synonyms.ts';

/** An index and where it stands in the change stream. */
export interface Followed {
  index: MemoryIndex;
  cursor: Cursor;
}

/** Share of tombstoned docs past which the next sync rebuilds (reclaims memory, fixes df). */
const MAX_DEAD_SHARE = 0.25;
/** Docs analyzed between yields to the event loop, so a long build never stalls requests. */
const YIELD_EVERY = 250;
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const MIN_REBUILD_CHANGES = 1000;
/** Below this many papers a build stays on this thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_DOCS = 20_000;

/** How a full build may use the machine. */
export interface BuildOptions {
  /** Worker threads that analyze papers; 0 or 1 builds on this thread. Default: one per core, for large builds. */
  threads?: number;
}

/** Whether the next sync should rebuild rather than apply changes one by one. */
export async function needsRebuild(db: Kysely<DB>, f: Followed | undefined): Promise<boolean> {
  if (!f) return true;
  const { docs } = f.index;
  if (docs.count - docs.live > MAX_DEAD_SHARE * docs.count && docs.count > MIN_REBUILD_CHANGES) return true;
  const pending = await countChangesSince(db, f.cursor.seq);
  return pending > Math.max(MIN_REBUILD_CHANGES, docs.live);
}

/** Builds a complete index from the store; returns it with the number of papers indexed. */
export async function buildIndex(db: Kysely<DB>, opts: BuildOptions = {}): Promise<{ followed: Followed; changed: number }> {
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
  const index = new MemoryIndex(miner.build(scanned));
  const cursor: Cursor = { seq: -1, id: '' };
  const threads = threadsFor(scanned, opts);
  let changed = 0;
  if (threads > 1) {
    changed = await applyInParallel(index, changesSince(db, cursor), threads);
  } else {
    for await (const page of changesSince(db, cursor)) {
      for (const c of page) {
        if (c.hidden) continue;
        index.add(c);
        if (++changed % YIELD_EVERY === 0) await breathe();
      }
    }
  }
  index.commit();
  return { followed: { index, cursor }, changed };
}

/** Worker threads for indexing `docs` papers: one per core (at most 4) for large batches. */
function threadsFor(docs: number, opts: BuildOptions): number {
  return opts.threads ?? (docs >= PARALLEL_MIN_DOCS ? Math.min(availableParallelism(), 4) : 0);
}

/** Applies changes since the cursor to the index; returns how many papers changed. */
export async function applyChanges(db: Kysely<DB>, f: Followed, opts: BuildOptions = {}): Promise<number> {
  const threads = threadsFor(await countChangesSince(db, f.cursor.seq), opts);
  if (threads > 1) {
    // Pages are read ahead of what is applied: the cursor moves only once all of them are in, so
    // a failed run (a worker lost) is applied again from the same place by the next sync.
    const cursor = { ...f.cursor };
    const changed = await applyInParallel(f.index, changesSince(db, cursor), threads);
    Object.assign(f.cursor, cursor);
    if (changed > 0) f.index.commit();
    return changed;
  }
  let changed = 0;
  for await (const page of changesSince(db, f.cursor)) {
    for (const c of page) {
      if (c.hidden) {
        if (f.index.remove(c.id)) changed++;
      } else {
        f.index.add(c);
        if (++changed % YIELD_EVERY === 0) await breathe();
      }
    }
  }
  if (changed > 0) f.index.commit();
  return changed;
}
