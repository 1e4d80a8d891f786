// Loads the sample into a temporary Paperboy store, builds the project's search index and ranks queries with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeTitle } from '../../src/core/paper.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { upsertPapers } from '../../src/db/papers.ts';
import { createPaperSearch } from '../../src/search/index.ts';
import { parseRecord } from '../../src/sources/records.ts';

/** A loaded Paperboy index over the sample; search() returns paper ids, best first. */
export interface PaperboyRun {
  /** Paper id -> title, for every paper in the store. */
  titles: Map<string, string>;
  /** The id the store gave a sample title (exact title first, then normalized title). */
  idOf(title: string): string | undefined;
  search(query: string, k: number): Promise<string[]>;
  /** Related papers of a paper, best first. */
  related(id: string, k: number): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Imports the records (raw JSONL values) into a fresh SQLite store in a temp dir and syncs the
 * search index; `wordsOnly` ranks without the word vectors.
 */
export async function openPaperboyRun(records: readonly unknown[], opts: { wordsOnly?: boolean } = {}): Promise<PaperboyRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-search-quality-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'eval.sqlite')}`);
  const cleanup = async (): Promise<void> => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(database);
    const papers = records.map((r, i) => {
      const parsed = parseRecord(r);
      if (!parsed.ok) throw new Error(`sample record ${i + 1} rejected: ${parsed.reason}`);
      return parsed.paper;
    });
    await database.db.transaction().execute(async (trx) => {
      await upsertPapers(trx, papers);
    });
    const search = createPaperSearch(database.db, opts.wordsOnly ? { meaning: false } : {});
    await search.sync();
    const rows = await database.db.selectFrom('papers').select(['id', 'title']).execute();
    const titles = new Map(rows.map((r) => [r.id, r.title]));
    const byTitle = new Map(rows.map((r) => [r.title, r.id]));
    const byKey = new Map(rows.map((r) => [normalizeTitle(r.title), r.id]));
    return {
      titles,
      idOf: (title) => byTitle.get(title) ?? byTitle.get(title.trim()) ?? byKey.get(normalizeTitle(title)),
      async search(query, k) {
        const page = await search.search(query, { limit: k, offset: 0 });
        return page.hits.map((h) => h.id);
      },
      async related(id, k) {
        return (await search.related(id, k)).map((h) => h.id);
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
