/**
 * Entry point of the search module: createPaperSearch(db) returns the index used by every front door.
 * TEMPORARY naive implementation until the ranked index lands.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PaperSearch, SearchHit } from './types.ts';

export type { PaperSearch, SearchHit, SearchPage } from './types.ts';

/** Creates the search index over a store. */
export function createPaperSearch(db: Kysely<DB>): PaperSearch {
  let docs: { id: string; text: string }[] = [];
  return {
    get size() {
      return docs.length;
    },
    async sync() {
      const rows = await db.selectFrom('papers').select(['id', 'title', 'abstract']).where('hidden', '=', 0).execute();
      docs = rows.map((r) => ({ id: r.id, text: `${r.title} ${r.title} ${r.abstract}`.toLowerCase() }));
      return docs.length;
    },
    async search(query, { limit, offset }) {
      const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
      const hits: SearchHit[] = [];
      for (const d of docs) {
        const score = words.reduce((s, w) => s + (d.text.includes(w) ? 1 : 0), 0);
        if (score > 0) hits.push({ id: d.id, score });
      }
      hits.sort((a, b) => b.score - a.score);
      return { total: hits.length, hits: hits.slice(offset, offset + limit) };
    },
    async related(id, limit) {
      const d = docs.find((x) => x.id === id);
      if (!d) return [];
      const r = await this.search(d.text.slice(0, 200), { limit: limit + 1, offset: 0 });
      return r.hits.filter((h) => h.id !== id).slice(0, limit);
    },
  };
}
