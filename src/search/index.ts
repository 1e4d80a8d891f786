/**
 * Entry point of the search module: createPaperSearch(db) returns the in-process ranked index
 * used by every front door. It holds no state of record: it follows the store's text_seq change
 * stream, so each app node keeps its own copy and calls sync() periodically. Ranking is plain
 * TypeScript over the same rows on SQLite and PostgreSQL, so it is identical on both.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { closestInMeaning } from './closest.ts';
import { planQuery } from './query.ts';
import { findsConcepts, rank } from './ranking.ts';
import { relatedTo } from './related.ts';
import { highlighter } from './highlight.ts';
import { suggestQuery } from './suggest.ts';
import { storeId } from '../db/settings.ts';
import { loadSnapshot, saveSnapshot } from './index/snapshot.ts';
import { bundledMeaning, type Meaning } from './semantic/meaning.ts';
import { fetchTexts, maxTextSeq, type PaperText } from './store.ts';
import { applyChanges, buildIndex, type BuildOptions, type Followed, pendingWork } from './sync.ts';
import type { PaperSearch, ScopedSearch, SearchPage } from './types.ts';

export type { PaperSearch, ScopedSearch, SearchHit, SearchOptions, SearchPage } from './types.ts';

const EMPTY: SearchPage = { total: 0, hits: [] };

/** How a search index is built and kept. */
export interface PaperSearchOptions extends BuildOptions {
  /**
   * A file that keeps the index between runs: the first sync loads it (when it belongs to this
   * store and this version of the code) and catches up from there, instead of a full build.
   */
  snapshotFile?: string;
  /** Told when the snapshot cannot be written (the index works on without it). */
  onSnapshotError?: (err: unknown) => void;
  /**
   * Word vectors for ranking by meaning: the bundled ones by default, `false` for words alone.
   */
  meaning?: Meaning | false;
  /** Told when the bundled word vectors cannot be read (search then ranks by words alone). */
  onMeaningError?: (err: unknown) => void;
}

/** Changes applied since the snapshot was written, past which a sync writes it again. */
const resaveAfter = (live: number): number => Math.max(1000, Math.round(live * 0.05));

/** Creates the search index over a store; call sync() to load it. */
export function createPaperSearch(db: Kysely<DB>, opts: PaperSearchOptions = {}): PaperSearch {
  let current: Followed | undefined;
  let running: Promise<number> | undefined;
  let unsaved = 0;
  const meaning = opts.meaning === false ? undefined : (opts.meaning ?? bundledMeaning(opts.onMeaningError));

  async function syncOnce(): Promise<number> {
    if (!current && opts.snapshotFile) current = await restore(opts.snapshotFile);
    const work = await pendingWork(db, current);
    if (work === 'rebuild' || !current) {
      // A node already serving searches keeps analysis off its event loop while it rebuilds.
      const built = await buildIndex(db, { ...opts, serving: current !== undefined }, meaning);
      void current?.pool?.close();
      current = built.followed;
      await save(current);
      return built.changed;
    }
    if (work === 0) return 0;
    const changed = await applyChanges(db, current, work, opts);
    unsaved += changed;
    if (unsaved >= resaveAfter(current.index.docs.live)) await save(current);
    return changed;
  }

  async function restore(file: string): Promise<Followed | undefined> {
    const saved = await loadSnapshot(file, meaning);
    if (!saved || saved.stamp.storeId !== (await storeId(db)) || saved.stamp.seq > (await maxTextSeq(db))) return undefined;
    return { index: saved.index, cursor: { seq: saved.stamp.seq, id: saved.stamp.id } };
  }

  async function save(f: Followed): Promise<void> {
    unsaved = 0;
    if (!opts.snapshotFile) return;
    try {
      await saveSnapshot(opts.snapshotFile, f.index, { storeId: await storeId(db), ...f.cursor });
    } catch (err) {
      opts.onSnapshotError?.(err);
    }
  }

  function scoped(ids: readonly string[], given?: ReadonlyMap<string, PaperText>): ScopedSearch {
    const held = new Map<string, PaperText>(given ?? []);
    const texts = async (want: string[]): Promise<Map<string, PaperText>> => {
      const missing = want.filter((id) => !held.has(id));
      if (missing.length > 0) for (const [id, t] of await fetchTexts(db, missing)) held.set(id, t);
      const out = new Map<string, PaperText>();
      for (const id of want) {
        const t = held.get(id);
        if (t) out.set(id, t);
      }
      return out;
    };
    // The scope's documents in the index they were looked up in (a sync may replace it).
    let docsOf: Followed['index'] | undefined;
    let only = new Int32Array(0);
    return {
      async search(query, o) {
        const f = current;
        const limit = clampInt(o?.limit, 1, 1000, 20);
        const offset = clampInt(o?.offset, 0, 10_000, 0);
        if (!f || typeof query !== 'string') return EMPTY;
        if (docsOf !== f.index) {
          const docs: number[] = [];
          for (const id of ids) {
            const d = f.index.docs.docOf(String(id));
            if (d !== undefined) docs.push(d);
          }
          only = Int32Array.from(docs);
          docsOf = f.index;
        }
        if (only.length === 0) return EMPTY;
        // No word of the query in any paper but filler: nothing (a scope's searches stay literal, no meaning fallback).
        const plan = planQuery(query, f.index);
        if (!findsConcepts(plan)) return EMPTY;
        return rank(f.index, plan, { limit, offset, only }, { texts });
      },
    };
  }

  return {
    get size() {
      return current?.index.docs.live ?? 0;
    },
    // Overlapping calls share one run: two passes over the change stream would double-apply nothing
    // but waste work.
    sync() {
      running ??= syncOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    async search(query, opts) {
      const f = current;
      const limit = clampInt(opts?.limit, 1, 1000, 20);
      const offset = clampInt(opts?.offset, 0, 10_000, 0);
      if (!f || typeof query !== 'string') return EMPTY;
      // Confined to some papers: a scoped search (which stays literal, as a digest's topics do).
      if (opts?.within) return scoped(opts.within).search(query, { limit, offset });
      const plan = planQuery(query, f.index);
      if (!findsConcepts(plan)) {
        // No paper has any of its words, or only its filler ("papers about neuromorphic"): the
        // papers closest in meaning, if any are close.
        return closestInMeaning(f.index, plan, { limit, offset });
      }
      return rank(f.index, plan, { limit, offset }, { texts: (ids) => fetchTexts(db, ids) });
    },
    scoped,
    highlighter(query) {
      return current && typeof query === 'string' ? highlighter(query, current.index) : undefined;
    },
    suggest(query) {
      return current ? suggestQuery(query, current.index) : undefined;
    },
    async related(id, limit) {
      const f = current;
      const doc = f?.index.docs.docOf(String(id));
      if (!f || doc === undefined) return [];
      const texts = await fetchTexts(db, [String(id)]);
      const paper = texts.get(String(id)) ?? { title: '', abstract: '' };
      return relatedTo(f.index, doc, paper.abstract, clampInt(limit, 0, 100, 5));
    },
  };
}

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : fallback;
  return Math.min(max, Math.max(min, n));
}
