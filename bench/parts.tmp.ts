import { openDatabase } from '../src/db/database.ts';
import { analyze } from '../src/search/text/analyze.ts';
import { MemoryIndex } from '../src/search/index/memory-index.ts';
import { AcronymMiner } from '../src/search/text/synonyms.ts';
const d = openDatabase('sqlite:/tmp/prof/c190.db');
const rows = await d.db.selectFrom('papers').select(['id', 'title', 'abstract', 'authors']).limit(Number(process.argv[2] ?? 1e9)).execute();
await d.close();
const docs = rows.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract ?? '', authors: JSON.parse(r.authors ?? '[]') as string[] }));
const m = new AcronymMiner(); for (const x of docs) { m.scan(x.title); m.scan(x.abstract); }
const syn = m.build(docs.length);
const time = (name: string, f: () => void) => { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); console.log(name, ((u.user + u.system) / 1e6).toFixed(2)); };
time('analyze', () => { for (const x of docs) { analyze(x.title); analyze(x.abstract); analyze(x.authors.join(' ; '), 5000); } });
time('analyze again', () => { for (const x of docs) { analyze(x.title); analyze(x.abstract); analyze(x.authors.join(' ; '), 5000); } });
time('+inject', () => { for (const x of docs) { syn.inject(analyze(x.title)); syn.inject(analyze(x.abstract)); analyze(x.authors.join(' ; '), 5000); } });
time('index add', () => { const ix = new MemoryIndex(syn); for (const x of docs) ix.add(x); ix.commit(); });
