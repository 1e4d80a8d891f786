// Queries typed by name (titles, models with versions, names written apart, people, typos) over the
// whole bundled sample: where the paper each one names comes. `node --import tsx bench/search-quality/typed.ts`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSampleIfEmpty } from '../../src/actions/load-sample.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPaperSearch } from '../../src/search/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.argv.find((a) => a.endsWith('.tsv')) ?? path.join(here, 'typed.tsv');
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-typed-'));
const database = openDatabase(`sqlite:${path.join(dir, 'typed.sqlite')}`);
try {
  await migrateToLatest(database);
  await loadSampleIfEmpty(database.db, path.join(here, '../../data/sample'));
  const search = createPaperSearch(database.db);
  await search.sync();
  const rows = await database.db.selectFrom('papers').select(['id', 'title', 'authors']).execute();
  const text = new Map(rows.map((r) => [r.id, `${r.title} ${r.authors}`.toLowerCase()]));
  let first = 0;
  for (const [query, want] of cases) {
    const hits = (await search.search(query, { limit: 100, offset: 0 })).hits;
    const rank = hits.findIndex((h) => text.get(h.id)!.includes(want.toLowerCase())) + 1;
    if (rank === 1) first++;
    console.log(`${String(rank || '-').padStart(4)}  ${query}`);
  }
  console.log(`\n${first} of ${cases.length} first (rank of the named paper; - is not in the first 100), ${search.size} papers`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
