import { openDatabase } from '../src/db/database.ts';
import { analyze } from '../src/search/text/analyze.ts';
const d = openDatabase('sqlite:/tmp/prof/c190.db');
const rows = await d.db.selectFrom('papers').select(['title', 'abstract']).execute();
const words = new Set<string>(); const terms = new Set<string>(); let tokens = 0;
const t = performance.now();
for (const r of rows) for (const s of [r.title, r.abstract]) { const a = analyze(s); tokens += a.terms.length; for (const x of a.terms) terms.add(x); }
console.log('analyze s', ((performance.now() - t) / 1000).toFixed(1), 'tokens', tokens, 'terms', terms.size);
for (const r of rows) for (const m of (r.title + ' ' + r.abstract).toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) words.add(m[0]);
console.log('words', words.size);
await d.close();
