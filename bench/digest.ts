/**
 * Digest benchmark: `npm run bench:digest [-- --subscribers N] [-- --topics N]`.
 * Loads the bundled sample corpus (9,900 real papers) into a fresh SQLite store, adds a day of
 * 1,000 new papers (real abstracts under new ids), and 100,000 subscribers who each follow 3
 * topics drawn from a pool (real search phrases plus title bigrams), then composes every digest
 * the way `digest send` does (period read once, each distinct topic searched once, subscribers
 * streamed 1,000 at a time, text and HTML rendered) without SMTP. Prints time and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { composeDigest } from '../src/actions/digest-compose.ts';
import { loadPeriodIndex } from '../src/actions/digest-period-index.ts';
import { enqueueDue } from '../src/actions/digest-send.ts';
import { loadSampleIfEmpty } from '../src/actions/load-sample.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { upsertPapers } from '../src/db/papers.ts';
import { activeSubscribersAfter } from '../src/db/subscribers.ts';
import { createPaperSearch } from '../src/search/index.ts';
import { BENCH_QUERIES } from './lib/search-queries.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '100000' }, topics: { type: 'string', default: '500' }, papers: { type: 'string', default: '1000' } } });
const SUBS = Number(values.subscribers);
const TOPICS = Number(values.topics);
const NEW_PAPERS = Number(values.papers);
const DAY = '2026-09-01';

let seed = 42;
const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-bench-digest-'));
const database = openDatabase(`sqlite:${path.join(dir, 'bench.db')}`);
try {
  await migrateToLatest(database);
  const db = database.db;
  let t = Date.now();
  await loadSampleIfEmpty(db, path.resolve('data/sample'));
  const sample = await db.selectFrom('papers').select(['title', 'abstract', 'authors', 'organization', 'categories']).limit(NEW_PAPERS).execute();
  const fresh = sample.map((p, i) => ({
    id: `2609.${String(i).padStart(5, '0')}`,
    arxivId: `2609.${String(i).padStart(5, '0')}`,
    title: `${p.title} (revisited ${i})`,
    abstract: p.abstract,
    authors: JSON.parse(p.authors) as string[],
    authorsCount: (JSON.parse(p.authors) as string[]).length,
    organization: p.organization,
    publishedOn: DAY,
    feedDate: DAY,
    upvotes: Math.floor(rand() * 100),
    categories: JSON.parse(p.categories) as string[],
    githubRepo: null,
    projectPage: null,
  }));
  await db.transaction().execute((trx) => upsertPapers(trx, fresh));
  const search = createPaperSearch(db);
  await search.sync();
  // Topic pool: real queries, then bigrams of the new papers' titles, to TOPICS distinct phrases.
  const pool = new Set(BENCH_QUERIES.slice(0, TOPICS));
  for (const p of fresh) {
    const words = p.title.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    for (let i = 0; i + 1 < words.length && pool.size < TOPICS; i += 2) pool.add(`${words[i]} ${words[i + 1]}`);
    if (pool.size >= TOPICS) break;
  }
  const topics = [...pool];
  console.log(`corpus: ${search.size} papers (${fresh.length} on ${DAY}), ${topics.length} distinct topics; setup ${Date.now() - t} ms`);

  t = Date.now();
  for (let i = 0; i < SUBS; i += 500) {
    const n = Math.min(500, SUBS - i);
    const subs = Array.from({ length: n }, (_, k) => ({ id: `s${String(i + k).padStart(7, '0')}`, email: `reader${i + k}@example.org`, status: 'active' as const, created_at: '2026-08-01T00:00:00Z', confirmed_at: '2026-08-01T00:00:00Z' }));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('subscribers').values(subs).execute();
      const follows = subs.flatMap((s) => {
        const chosen = new Set<string>();
        while (chosen.size < 3) chosen.add(topics[Math.floor(rand() * topics.length)]!);
        return [...chosen].map((value) => ({ subscriber_id: s.id, kind: 'topic' as const, value }));
      });
      await trx.insertInto('subscriber_follows').values(follows).execute();
    });
  }
  console.log(`stored ${SUBS} subscribers with 3 topics each in ${Date.now() - t} ms`);

  // The measured part: what `digest send` does before SMTP.
  peak = process.memoryUsage().rss;
  const rssBefore = peak;
  t = Date.now();
  const now = new Date(`2026-09-02T12:00:00Z`);
  const { enqueued } = await enqueueDue(db, now, DAY);
  const tEnqueue = Date.now() - t;
  const index = await loadPeriodIndex(db, search, DAY, DAY);
  let tSearch = 0;
  let composed = 0;
  let empty = 0;
  let bytes = 0;
  let papersSent = 0;
  const deps = { secret: 'x'.repeat(43), baseUrl: 'https://papers.example.org', siteName: 'Paperboy', now };
  for (let after = ''; ; ) {
    const batch = await activeSubscribersAfter(db, after, 1000);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    for (const sub of batch) {
      const ts = Date.now();
      await index.prepare(sub.follows);
      tSearch += Date.now() - ts;
      const c = composeDigest(deps, sub, sub.follows, index, { key: DAY, from: DAY, to: DAY });
      if (!c.message) {
        empty++;
        continue;
      }
      composed++;
      papersSent += c.digest.paperCount;
      bytes += c.message.text.length + c.message.html.length;
    }
  }
  const total = Date.now() - t;
  clearInterval(sampler);
  console.log(`enqueue (outbox rows for ${enqueued} subscribers): ${tEnqueue} ms`);
  console.log(`composed ${composed} digests (${empty} empty), ${index.topicsSearched} topic searches, ${(papersSent / Math.max(1, composed)).toFixed(1)} papers and ${(bytes / Math.max(1, composed) / 1024).toFixed(1)} KB per digest`);
  console.log(`of which topic searches: ${tSearch} ms`);
  console.log(`total (enqueue + compose + render, no SMTP): ${(total / 1000).toFixed(1)} s, ${Math.round(SUBS / (total / 1000))} digests/s`);
  console.log(`peak RSS: ${mb(peak)} (${mb(rssBefore)} before the measured part)`);
} finally {
  clearInterval(sampler);
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
