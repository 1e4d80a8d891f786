import { openDatabase } from '../src/db/database.ts';
import { analyze } from '../src/search/text/analyze.ts';
const d = openDatabase('sqlite:/tmp/prof/c190.db');
const rows = await d.db.selectFrom('papers').select(['title', 'abstract']).limit(Number(process.argv[2] ?? 1e9)).execute();
await d.close();
for (let round = 0; round < 2; round++) {
  let tokens = 0; let h = 0;
  const t = performance.now();
  for (const r of rows) for (const s of [r.title, r.abstract]) { const a = analyze(s); tokens += a.terms.length; h += a.words; }
  console.log('analyze s', ((performance.now() - t) / 1000).toFixed(2), 'tokens', tokens, h);
}
