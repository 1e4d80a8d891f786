/**
 * The search contract every front door uses: pages, the JSON API and the CLI call the same
 * PaperSearch, so a query ranks the same everywhere.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchPage {
  /** Number of papers matching the query (an estimate is fine past the first thousand). */
  total: number;
  hits: SearchHit[];
  /**
   * Set when no paper has any word of the query: the hits are the papers closest in meaning,
   * found through the words nearest the query's.
   */
  byMeaning?: boolean;
}

export interface SearchOptions {
  limit: number;
  offset: number;
  /**
   * Only these papers are candidates (e.g. one digest period's papers): they are ranked as in a
   * full search, with the corpus's statistics, however far down the full ranking they would be.
   */
  within?: readonly string[];
}

/**
 * Searches confined to one fixed set of papers, run again and again (one digest period's papers,
 * topic after topic): the papers' texts are read once and what the rerank derives from them (their
 * vectors by meaning) is kept for the next query. Ranks exactly as `search` with `within`.
 */
export interface ScopedSearch {
  search(query: string, opts: { limit: number; offset: number }): Promise<SearchPage>;
}

/** A derived, rebuildable index over papers' titles, abstracts and authors. */
export interface PaperSearch {
  /** Pulls papers changed in the store since the last sync; returns how many changed. */
  sync(): Promise<number>;
  /** Ranks papers for a free-text query. Any input is safe: it never throws for odd text. */
  search(query: string, opts: SearchOptions): Promise<SearchPage>;
  /** A search over these papers only; `texts` are their titles and abstracts when the caller holds them. */
  scoped(ids: readonly string[], texts?: ReadonlyMap<string, { title: string; abstract: string }>): ScopedSearch;
  /** The query with its misspelled words corrected ("difusion" is "diffusion"), or undefined when none is. */
  suggest(query: string): string | undefined;
  /** Which words of a result's text answer the query (to mark them), or undefined when none can. */
  highlighter(query: string): ((word: string) => boolean) | undefined;
  /** Papers most similar in content to one paper, itself excluded. */
  related(id: string, limit: number): Promise<SearchHit[]>;
  /** Number of papers indexed. */
  readonly size: number;
}

/** Builds a PaperSearch over a store; call sync() to load it. */
export type CreatePaperSearch = (db: Kysely<DB>) => PaperSearch;
