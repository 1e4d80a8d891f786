/**
 * One arXiv client, three doors: OAI-PMH for bulk harvesting by date window (follows resumption
 * tokens, one page at a time so the caller can checkpoint), the search API for look-ups by id
 * and searches, and the announcement feed for what was announced today. Every request goes
 * through the polite fetcher, which owns rate limits and retries.
 */
import type { PoliteFetcher } from '../http/polite-fetch.ts';
import { SourceError } from '../http/source-error.ts';
import { type ArxivFeed, parseAnnouncementFeed } from './announcements.ts';
import { ArxivApiError, type ArxivAtomPage, parseArxivAtom } from './atom.ts';
import { OaiError, type OaiPage, type OaiPrefix, parseOaiListRecords } from './oai.ts';
import type { ArxivRecord, RejectedRecord } from './record.ts';

export interface ArxivClientOptions {
  fetcher: PoliteFetcher;
  oaiBaseUrl?: string;
  apiBaseUrl?: string;
  rssBaseUrl?: string;
}

export interface HarvestOptions {
  /** OAI set, e.g. "cs" or "physics:hep-th"; omit for everything. */
  set?: string;
  /** First datestamp (YYYY-MM-DD), inclusive. */
  from: string;
  until?: string;
  prefix?: OaiPrefix;
  /** Resume a harvest from a checkpointed token (from/until/set are then not sent, as OAI-PMH requires). */
  resumptionToken?: string;
}

export interface QueryOptions {
  start?: number;
  /** Total results wanted (the API serves at most 30,000 per query). */
  maxResults?: number;
  /** Results per request (the API allows up to 2,000; smaller pages fail less). */
  pageSize?: number;
  sortBy?: 'relevance' | 'lastUpdatedDate' | 'submittedDate';
  sortOrder?: 'ascending' | 'descending';
}

export interface ArxivClient {
  harvest(opts: HarvestOptions): AsyncGenerator<OaiPage>;
  /** The records of some ids; entries that could not be read go to `onRejected`. */
  lookup(ids: string[], onRejected?: (r: RejectedRecord) => void): Promise<ArxivRecord[]>;
  query(searchQuery: string, opts?: QueryOptions): AsyncGenerator<ArxivAtomPage>;
  announcements(categories: string[]): Promise<ArxivFeed>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;
const ID = /^(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?$/i;
/** id_list batch size: long id lists make long URLs, and the API answers 100 at a time reliably. */
const LOOKUP_BATCH = 100;
/** The API sometimes answers an empty page in the middle of a result set; asking again helps. */
const EMPTY_PAGE_RETRIES = 2;

/** Creates the client; base URLs default to arXiv's production services. */
export function createArxivClient(opts: ArxivClientOptions): ArxivClient {
  const oaiBase = opts.oaiBaseUrl ?? 'https://oaipmh.arxiv.org/oai';
  const apiBase = opts.apiBaseUrl ?? 'https://export.arxiv.org/api/query';
  const rssBase = (opts.rssBaseUrl ?? 'https://rss.arxiv.org/atom').replace(/\/+$/, '');
  const { fetcher } = opts;

  /** The body of a 2xx answer; other answers become errors (the parser first, to surface an error document). */
  async function fetchDoc<T>(url: string, parse: (body: string, url: string) => T, rootTag: string): Promise<T> {
    const res = await fetcher.get(url);
    if (res.status >= 200 && res.status < 300) return parse(res.body, url);
    if (res.body.includes(`<${rootTag}`)) {
      try {
        parse(res.body, url);
      } catch (err) {
        if (err instanceof OaiError || err instanceof ArxivApiError) throw err;
      }
    }
    throw new SourceError(`GET ${url}: HTTP ${res.status}`, { url, retryable: false, status: res.status });
  }

  async function* harvest(h: HarvestOptions): AsyncGenerator<OaiPage> {
    const prefix = h.prefix ?? 'arXivRaw';
    if (!h.resumptionToken && !DAY.test(h.from)) throw new Error(`harvest: from must be YYYY-MM-DD, got "${h.from}"`);
    if (h.until !== undefined && !DAY.test(h.until)) throw new Error(`harvest: until must be YYYY-MM-DD, got "${h.until}"`);
    let token = h.resumptionToken ?? null;
    const seen = new Set<string>();
    for (;;) {
      const params: Record<string, string> = token
        ? { verb: 'ListRecords', resumptionToken: token }
        : { verb: 'ListRecords', metadataPrefix: prefix, from: h.from, ...(h.until ? { until: h.until } : {}), ...(h.set ? { set: h.set } : {}) };
      const url = `${oaiBase}?${new URLSearchParams(params)}`;
      const page = await fetchDoc(url, (body, u) => parseOaiListRecords(body, prefix, u), 'OAI-PMH');
      yield page;
      if (!page.resumptionToken) return;
      // A server that hands back a token it already gave would loop forever.
      if (seen.has(page.resumptionToken)) throw new SourceError(`OAI-PMH repeated resumptionToken ${page.resumptionToken}`, { url, retryable: false });
      seen.add(page.resumptionToken);
      token = page.resumptionToken;
    }
  }

  async function lookup(ids: string[], onRejected?: (r: RejectedRecord) => void): Promise<ArxivRecord[]> {
    const clean = [...new Set(ids.map((i) => i.trim()).filter(Boolean))];
    const bad = clean.filter((i) => !ID.test(i));
    if (bad.length > 0) throw new Error(`lookup: not arXiv ids: ${bad.slice(0, 5).join(', ')}`);
    const out: ArxivRecord[] = [];
    for (let i = 0; i < clean.length; i += LOOKUP_BATCH) {
      const batch = clean.slice(i, i + LOOKUP_BATCH);
      const url = `${apiBase}?${new URLSearchParams({ id_list: batch.join(','), start: '0', max_results: String(batch.length) })}`;
      const page = await fetchDoc(url, parseArxivAtom, 'feed');
      out.push(...page.records);
      page.rejected.forEach((r) => onRejected?.(r));
    }
    return out;
  }

  async function* query(searchQuery: string, q: QueryOptions = {}): AsyncGenerator<ArxivAtomPage> {
    const maxResults = Math.min(q.maxResults ?? 100, 30_000);
    const pageSize = Math.max(1, Math.min(q.pageSize ?? 100, 2000));
    let start = q.start ?? 0;
    let fetched = 0;
    let emptyRetries = 0;
    while (fetched < maxResults) {
      const size = Math.min(pageSize, maxResults - fetched);
      const params: Record<string, string> = { search_query: searchQuery, start: String(start), max_results: String(size) };
      if (q.sortBy) params['sortBy'] = q.sortBy;
      if (q.sortOrder) params['sortOrder'] = q.sortOrder;
      const page = await fetchDoc(`${apiBase}?${new URLSearchParams(params)}`, parseArxivAtom, 'feed');
      // Rejected entries count as read: they take their place in the result set.
      const entries = page.records.length + page.rejected.length;
      if (entries === 0) {
        if (start < page.totalResults && emptyRetries++ < EMPTY_PAGE_RETRIES) continue;
        return;
      }
      emptyRetries = 0;
      yield page;
      fetched += entries;
      start += entries;
      if (start >= page.totalResults) return;
    }
  }

  /** One request for all categories, in the feed's joined form (cs.LG+cs.CL); entries are deduplicated. */
  async function announcements(categories: string[]): Promise<ArxivFeed> {
    const bad = categories.filter((c) => !CATEGORY.test(c));
    if (categories.length === 0 || bad.length > 0) throw new Error(`announcements: expected arXiv categories, got "${categories.join(' ')}"`);
    const feed = await fetchDoc(`${rssBase}/${categories.join('+')}`, parseAnnouncementFeed, 'feed');
    const byId = new Map<string, ArxivRecord>();
    for (const r of feed.records) if (!byId.has(r.arxivId)) byId.set(r.arxivId, r);
    return { records: [...byId.values()], rejected: feed.rejected };
  }

  return { harvest, lookup, query, announcements };
}
