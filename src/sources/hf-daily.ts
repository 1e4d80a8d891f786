/**
 * Hugging Face's daily papers API (`GET /api/daily_papers?date=YYYY-MM-DD`, paged with `p` and at
 * most 100 items a page), through the polite fetcher. Weeks and months are read day by day: the
 * API's week and month answers do not say which day an older item was listed on. An answer is
 * accepted whole or not at all: anything but a JSON array (an HTML error page, truncated JSON, an
 * object) fails the request with a clear SourceError, so a bad answer never reaches the store. Single records inside a good answer are validated one by one later.
 */
import type { PoliteFetcher } from './http/polite-fetch.ts';
import { SourceError } from './http/source-error.ts';

/** The default public endpoint. */
export const HF_BASE_URL = 'https://huggingface.co';

/** Items per request: the most the API serves. */
export const HF_PAGE_SIZE = 100;
/** A day never holds this many pages; a server that ignores `p` is caught sooner (see below). */
const MAX_PAGES = 50;

export interface HfDailyClient {
  /** The raw items of one day's feed, all its pages (validated per record by the caller). */
  day(date: string): Promise<unknown[]>;
}

/** A client for the daily papers API at a base URL (tests point it at a local server). */
export function createHfDailyClient(fetcher: PoliteFetcher, baseUrl = HF_BASE_URL): HfDailyClient {
  const get = async (date: string, page: number): Promise<unknown[]> => {
    // The first page is asked for without `p` (the API's default is page 0).
    const url = `${baseUrl.replace(/\/$/, '')}/api/daily_papers?date=${encodeURIComponent(date)}&limit=${HF_PAGE_SIZE}${page > 0 ? `&p=${page}` : ''}`;
    const res = await fetcher.get(url);
    if (res.status !== 200) {
      throw new SourceError(`Hugging Face answered ${res.status} for ${date}`, { url, status: res.status, retryable: res.status >= 500 });
    }
    return parseDailyAnswer(res.body, url);
  };
  return {
    async day(date) {
      const items: unknown[] = [];
      const seen = new Set<string>();
      for (let page = 0; page < MAX_PAGES; page++) {
        const batch = await get(date, page);
        const fresh = batch.filter((item) => {
          const key = itemKey(item);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        items.push(...fresh);
        // A short page is the last; a page of nothing new means the server ignored `p`.
        if (batch.length < HF_PAGE_SIZE || fresh.length === 0) break;
      }
      return items;
    },
  };
}

/** What tells two items apart: the paper id, or the whole item when it has none. */
function itemKey(item: unknown): string {
  const id = (item as { paper?: { id?: unknown } } | null)?.paper?.id;
  return typeof id === 'string' ? `id:${id}` : `json:${JSON.stringify(item)}`;
}

/** Parses one answer body; throws a SourceError naming the problem unless it is a JSON array. */
export function parseDailyAnswer(body: string, url: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    const hint = /^\s*</.test(body) ? 'an HTML page' : `invalid JSON (${(err as Error).message})`;
    throw new SourceError(`Hugging Face answered ${hint} instead of a list of papers`, { url, retryable: false });
  }
  if (!Array.isArray(doc)) {
    const keys = doc && typeof doc === 'object' ? ` with keys ${Object.keys(doc).slice(0, 5).join(', ')}` : '';
    const what = doc === null ? 'null' : typeof doc === 'object' ? 'an object' : `a ${typeof doc}`;
    throw new SourceError(`Hugging Face answered ${what}${keys} instead of a list of papers`, { url, retryable: false });
  }
  return doc;
}
