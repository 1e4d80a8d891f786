/**
 * Ingesting arXiv: incremental OAI-PMH harvests per set (pages committed in batches, each with the
 * resumption token of its last page, so a killed harvest resumes mid-window; an expired token
 * restarts the window, which is safe because records upsert by arXiv id), today's announcement
 * feed, and back-fills by query.
 * One paper is one row: a replacement updates title, abstract and version and keeps votes and
 * comments; a cross-list adds categories; withdrawn papers are marked. An entry that cannot be
 * stored is reported as rejected with its reason, and the rest of its answer is stored.
 */
import { inAnyCategory } from '../../core/categories.ts';
import { isoDate } from '../../core/feed-window.ts';
import { normalizeArxivId, type PaperInput } from '../../core/paper.ts';
import { arxivIdsWithoutCategories } from '../../db/paper-categories.ts';
import { type ArxivClient, type ArxivRecord, isReplacement, OaiError, type OaiPage, type RejectedRecord, toPaperInput } from '../../sources/arxiv/index.ts';
import { coalesce } from './coalesce.ts';
import { legacyOaiCheckpoint, oaiSetOf, oaiSource } from './oai-selection.ts';
import { type IngestEnv, type RunHandle, type RunProgress, type RunSummary, runIngest } from './runner.ts';

export { oaiSetOf, oaiSource } from './oai-selection.ts';

export interface OaiCheckpoint {
  /**
   * The harvest in progress: its window start, the token of the next page (null: start over) and
   * the metadata format the token was issued for (absent in checkpoints written before: arXivRaw).
   */
  window: { from: string; token: string | null; prefix?: 'arXivRaw' | 'arXiv' } | null;
  /** Highest datestamp fully harvested: the next window starts there. */
  highWater: string | null;
}

/**
 * Records per OAI commit: pages that come faster than they are stored (a replay) are stored
 * together; a page followed by a pause (arXiv's 3 s between requests) is committed in it.
 */
export const OAI_BATCH = 10_000;
const OAI_IDLE_MS = 500;

/**
 * A record as the store imports it: no upvotes or comments (arXiv knows none), version and
 * withdrawal kept. The feed date is the one given (null: none), else derived (see toPaperInput).
 */
export function arxivPaper(record: ArxivRecord, feedDate?: string | null): PaperInput {
  const { paper, version, withdrawn } = toPaperInput(record, feedDate !== undefined ? { feedDate } : {});
  const { upvotes: _upvotes, ...rest } = paper;
  return { ...rest, ...(version != null ? { version } : {}), withdrawn };
}

/**
 * Where a harvest stands in its list, when the server says how long the list is: the token's
 * cursor counts the records sent before this page, so this page ends at cursor + its records.
 */
function listProgress(page: OaiPage): { progress?: RunProgress } {
  const total = page.completeListSize;
  if (!total) return {};
  const onPage = page.records.length + page.deletedIds.length + page.rejected.length;
  const done = page.resumptionToken ? Math.min(total, (page.cursor ?? 0) + onPage) : total;
  return { progress: { done, total, unit: 'records' } };
}

/** Reports entries of an answer that could not be stored, each with its reason; the rest are stored. */
function reject(run: RunHandle<unknown>, where: string, rejected: RejectedRecord[]): void {
  for (const r of rejected) run.problem('rejected', `${where} ${r.id}: ${r.reason}`);
}

/** True when a record is listed in one of the wanted categories or archives ("cs"), cross-lists included. */
const wanted = (record: ArxivRecord, categories: Set<string>): boolean => inAnyCategory(record.categories, categories);

/** The error of a request to arXiv, once one failed: told apart from one of the store (a lost lease). */
interface SourceFailure {
  error?: unknown;
}

/** A source's pages, counting a request that failed too (a page read is counted as it is stored). */
async function* countedPages<T>(run: RunHandle<unknown>, failure: SourceFailure, pages: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* pages;
  } catch (err) {
    failure.error = err;
    try {
      run.request();
    } catch {
      // The lease is lost: the request's own error says more, and the run stops either way.
    }
    throw err;
  }
}

export interface OaiHarvestOptions {
  /** Harvest from this day instead of where the last harvest ended. */
  since?: string;
  prefix?: 'arXivRaw' | 'arXiv';
  /** Records per commit when pages come faster than they are stored (default OAI_BATCH; 1: every page alone). */
  batchRecords?: number;
}

/**
 * Harvests the OAI sets of some categories, from `since` or from where the last harvest of the
 * same selection ended, keeping only records listed in those categories. One run per set, each
 * with the checkpoint and lease of its set and categories (see oaiSource).
 */
export async function ingestArxivOai(
  env: IngestEnv,
  client: ArxivClient,
  opts: OaiHarvestOptions & { categories: string[] },
): Promise<RunSummary[]> {
  const sets = [...new Set(opts.categories.map(oaiSetOf))];
  const categories = new Set(opts.categories);
  const out: RunSummary[] = [];
  for (const set of sets) {
    const source = oaiSource(set, opts.categories);
    out.push(await runIngest<OaiCheckpoint>(env, source, { ...opts, set }, (run) => harvestSet(env, client, run, set, categories, opts)));
  }
  return out;
}

async function harvestSet(
  env: IngestEnv,
  client: ArxivClient,
  run: RunHandle<OaiCheckpoint>,
  set: string,
  categories: Set<string>,
  opts: OaiHarvestOptions,
): Promise<void> {
  const saved = (await run.checkpoint()) ?? (await legacyOaiCheckpoint<OaiCheckpoint>(env.db, set, [...categories]));
  let highWater = saved?.highWater ?? null;
  // An unfinished window is resumed unless the caller asks for an explicit start.
  const prefix = opts.prefix ?? 'arXivRaw';
  let window: { from: string; token: string | null; prefix?: 'arXivRaw' | 'arXiv' } = !opts.since && saved?.window ? saved.window : { from: opts.since ?? highWater ?? isoDate(env.now().getTime() - 86_400_000), token: null };
  // A token answers in the format it was issued for: one of another format restarts its window.
  if (window.token && (window.prefix ?? 'arXivRaw') !== prefix) window = { from: window.from, token: null };
  // A new window is recorded before its first request: a run that fails at once leaves it to
  // resume (a --since back-fill is not lost), not a checkpoint that starts from today.
  if (JSON.stringify(window) !== JSON.stringify(saved?.window ?? null)) await run.commit([], { window, highWater });
  let restarts = 0;
  /** Pages of this run stored with their token: a later failure leaves a harvest to resume, not a failed one. */
  let stored = 0;
  const failure: SourceFailure = {};
  for (;;) {
    try {
      const pages = countedPages(run, failure, client.harvest({ set, from: window.from, prefix, ...(window.token ? { resumptionToken: window.token } : {}) }));
      const note = (page: OaiPage): string => `${set} from ${window.from}${page.completeListSize ? `, ${page.cursor ?? '?'} of ${page.completeListSize}` : ''}`;
      for await (const batch of coalesce(pages, { size: (page) => page.records.length, max: opts.batchRecords ?? OAI_BATCH, idleMs: OAI_IDLE_MS })) {
        const papers: PaperInput[] = [];
        const withdrawn: string[] = [];
        for (const page of batch) {
          run.request();
          reject(run, set, page.rejected);
          const keep = page.records.filter((r) => wanted(r, categories));
          run.skip(page.records.length - keep.length);
          for (const r of keep) papers.push(arxivPaper(r));
          // Deleted records carry no metadata (nor categories): any of them we hold is withdrawn.
          for (const id of page.deletedIds) withdrawn.push(id);
          if (page.datestampHighWater && (!highWater || page.datestampHighWater > highWater)) highWater = page.datestampHighWater;
          window = { from: window.from, token: page.resumptionToken, prefix };
          if (page !== batch.at(-1)) run.report(note(page), listProgress(page).progress);
        }
        const last = batch.at(-1) as OaiPage;
        await run.commit(papers, { window, highWater }, note(last), { withdrawn, ...listProgress(last) });
        stored += batch.length;
      }
      await run.commit([], { window: null, highWater }, `${set} done`);
      return;
    } catch (err) {
      // Tokens expire; the window is harvested again from its start, which upserts cleanly.
      if (err instanceof OaiError && err.code === 'badResumptionToken' && restarts++ < 2) {
        run.problem('error', `${set}: resumption token expired; harvesting the window from ${window.from} again`);
        window = { from: window.from, token: null };
        await run.commit([], { window, highWater });
        continue;
      }
      // Pages already stored stay, with the token of the next: the run ends partial, and the next
      // run resumes from that page.
      if (failure.error !== undefined && err === failure.error && stored > 0 && window.token) {
        run.problem('failed', `${set}: ${err instanceof Error ? err.message : String(err)}; the next run resumes from where this one stopped`);
        return;
      }
      throw err;
    }
  }
}

/** Reads today's announcement feed of some categories: new papers enter that day's feed. */
export async function ingestArxivAnnouncements(env: IngestEnv, client: ArxivClient, opts: { categories: string[] }): Promise<RunSummary> {
  return runIngest<{ announcedOn: string | null }>(env, 'arxiv-announce', opts, async (run) => {
    run.request();
    const { records, rejected } = await client.announcements(opts.categories);
    reject(run, 'announcements', rejected);
    const announcedOn = records.find((r) => r.announcedOn)?.announcedOn ?? null;
    // New and cross-listed papers enter the feed on the announcement day. A replacement never sets
    // a feed date: it updates the text and version of a stored paper (whose day and votes stay),
    // or stores an older paper we did not hold without putting it in today's feed.
    const papers = records.map((r) => arxivPaper(r, isReplacement(r) ? null : r.announcedOn));
    await run.commit(papers, { announcedOn }, `${records.length} announced`);
  });
}

/**
 * Back-fills from the search API: every result of a query (e.g. "cat:cs.LG AND all:diffusion").
 * An interrupted back-fill of the same query resumes where it stopped (a failed request after
 * some pages were stored ends the run partial); a finished one clears its checkpoint, so running
 * it again reads the query afresh (new results, changed versions).
 */
export async function ingestArxivQuery(env: IngestEnv, client: ArxivClient, opts: { query: string; max: number }): Promise<RunSummary> {
  return runIngest<{ query: string; next: number } | null>(env, 'arxiv-query', opts, async (run) => {
    const saved = await run.checkpoint();
    const start = saved && saved.query === opts.query ? saved.next : 0;
    let next = start;
    const failure: SourceFailure = {};
    try {
      for await (const page of countedPages(run, failure, client.query(opts.query, { start, maxResults: Math.max(0, opts.max - start), pageSize: 100 }))) {
        run.request();
        reject(run, 'query', page.rejected);
        next += page.records.length + page.rejected.length;
        await run.commit(page.records.map((r) => arxivPaper(r)), { query: opts.query, next }, `${next} of ${Math.min(page.totalResults, opts.max)}`);
      }
    } catch (err) {
      // Pages already stored stay, with the place of the next: the run ends partial, and the same
      // command resumes from there.
      if (failure.error !== undefined && err === failure.error && next > start) {
        run.problem('failed', `query: ${err instanceof Error ? err.message : String(err)}; running the same command again resumes at result ${next}`);
        return;
      }
      throw err;
    }
    await run.commit([], null, `${opts.query} done`);
  });
}

/**
 * Completes papers that came without arXiv's metadata (Hugging Face's daily papers carry no
 * categories): looks up, by id, those listed in no category, on the given feed days or the newest
 * `max`, and merges arXiv's record in (categories, versioned text; the feed day and votes stay).
 * Returns the run, or undefined when every paper already has its categories.
 */
export async function enrichFromArxiv(env: IngestEnv, client: ArxivClient, opts: { dates?: string[]; max: number }): Promise<RunSummary | undefined> {
  const ids = await arxivIdsWithoutCategories(env.db, { ...(opts.dates ? { dates: opts.dates } : {}), limit: opts.max });
  // A paper Hugging Face lists before arXiv announces it is normal here: counted, not a problem.
  return ids.length > 0 ? ingestArxivIds(env, client, ids, { unknownIsProblem: false }) : undefined;
}

/**
 * Fetches papers by arXiv id (for submissions and repairs) and stores them. An id arXiv does not
 * answer for is reported by name, and the run ends partial (unless `unknownIsProblem` is false:
 * the run's summary then only says how many were found).
 */
export async function ingestArxivIds(env: IngestEnv, client: ArxivClient, ids: string[], opts: { unknownIsProblem?: boolean } = {}): Promise<RunSummary> {
  return runIngest<null>(env, 'arxiv-lookup', { ids }, async (run) => {
    run.request();
    const answered = new Set<string>();
    const records = await client.lookup(ids, (r) => {
      answered.add(r.id);
      reject(run, 'lookup', [r]);
    });
    for (const r of records) answered.add(r.arxivId);
    const unknown = ids.filter((id) => !answered.has(normalizeArxivId(id) ?? id) && !answered.has(id));
    if (unknown.length > 0 && opts.unknownIsProblem !== false) run.problem('missing', `not found on arXiv: ${unknown.join(', ')}`);
    await run.commit(records.map((r) => arxivPaper(r)), null, `${records.length} of ${ids.length} found`);
  });
}
