/**
 * What a digest period offers every subscriber: its papers (read once) and, per followed item,
 * the new papers that match. Authors, organizations and categories are looked up in maps built
 * from the period's papers; each distinct topic runs through the site's search once per period
 * and is cached, however many subscribers follow it (topics repeat across subscribers).
 *
 * A topic search ranks only the period's papers (however many older papers match better), and
 * keeps those scoring at least TOPIC_MIN_SHARE of the topic's best match in the whole corpus:
 * a paper that merely mentions a word of the topic is not "new on" it. That best match is kept
 * between runs in `floors` when the caller has them (topic-floors.ts).
 *
 * Papers are ranked as the feeds rank them: a one-day period by trending, a longer one (a weekly
 * digest, Friday to Sunday with weekends off) by upvotes, ties by trending. Trending halves every
 * day, so ranked by it a week would show only its last two days.
 */
import type { Kysely } from 'kysely';
import { type Follow, followKey, type PeriodMatches } from '../core/digest.ts';
import { filtersKeeping } from '../core/categories.ts';
import { papersInPeriod } from '../db/digest-papers.ts';
import type { DB } from '../db/schema.ts';
import type { PaperSearch, ScopedSearch } from '../search/index.ts';
import type { TopicFloors } from './topic-floors.ts';

/** Most papers of a period kept per topic (a digest shows at most 50 per section). */
export const TOPIC_DEPTH = 100;
/** A period paper matches a topic when it scores at least this share of the topic's best hit in the corpus. */
export const TOPIC_MIN_SHARE = 0.5;

export interface PeriodIndex extends PeriodMatches {
  from: string;
  to: string;
  /** Runs the searches of topics not seen yet in this period. */
  prepare(follows: readonly Follow[]): Promise<void>;
  /** Distinct topics searched so far. */
  readonly topicsSearched: number;
}

/** Loads a period's papers and builds its look-up maps. */
export async function loadPeriodIndex(db: Kysely<DB>, search: PaperSearch, from: string, to: string, opts: { floors?: TopicFloors } = {}): Promise<PeriodIndex> {
  const papers = await papersInPeriod(db, from, to, from === to ? 'trending' : 'upvotes');
  const byId = new Map(papers.map((p) => [p.id, p]));
  const table = new Map<string, string[]>();
  const add = (kind: Follow['kind'], value: string | null, id: string): void => {
    if (!value) return;
    const key = followKey({ kind, value });
    let list = table.get(key);
    if (!list) table.set(key, (list = []));
    if (list[list.length - 1] !== id) list.push(id);
  };
  // Papers are best first, so every list is too.
  for (const p of papers) {
    for (const a of p.authors) add('author', a, p.id);
    add('organization', p.organization, p.id);
    // Following an archive ("cs") follows each of its categories ("cs.LG"), as ?cat=cs does.
    for (const c of p.categories) for (const f of filtersKeeping(c)) add('category', f, p.id);
  }
  // Topic after topic searches these same papers: their texts (in hand) and vectors are kept.
  const inPeriod = search.scoped(
    papers.map((p) => p.id),
    new Map(papers.map((p) => [p.id, { title: p.title, abstract: p.abstract }])),
  );
  let topicsSearched = 0;
  const prepare = async (follows: readonly Follow[]): Promise<void> => {
    if (papers.length === 0) return;
    for (const f of follows) {
      if (f.kind !== 'topic') continue;
      const key = followKey(f);
      if (table.has(key)) continue;
      table.set(key, await topicMatches(search, inPeriod, f.value, opts.floors));
      topicsSearched++;
    }
  };
  return {
    from,
    to,
    papers,
    byId,
    prepare,
    matches: (f) => table.get(followKey(f)),
    get topicsSearched() {
      return topicsSearched;
    },
  };
}

async function topicMatches(search: PaperSearch, inPeriod: ScopedSearch, topic: string, floors: TopicFloors | undefined): Promise<string[]> {
  const page = await inPeriod.search(topic, { limit: TOPIC_DEPTH, offset: 0 });
  if (page.hits.length === 0) return [];
  let corpusBest = floors?.get(topic);
  if (corpusBest === undefined) {
    corpusBest = (await search.search(topic, { limit: 1, offset: 0 })).hits[0]?.score ?? 0;
    floors?.set(topic, corpusBest);
  }
  const best = Math.max(corpusBest, page.hits[0]!.score);
  return page.hits.filter((h) => h.score >= best * TOPIC_MIN_SHARE).map((h) => h.id);
}
