/**
 * Hugging Face's daily papers API (`GET /api/daily_papers?date=YYYY-MM-DD`), through the polite
 * fetcher. An answer is accepted whole or not at all: anything but a JSON array (an HTML error
 * page, truncated JSON, an object) fails the request with a clear SourceError, so a bad answer
 * never reaches the store. Single records inside a good answer are validated one by one later.
 */
import type { PoliteFetcher } from './http/polite-fetch.ts';
import { SourceError } from './http/source-error.ts';

/** The default public endpoint. */
export const HF_BASE_URL = 'https://huggingface.co';

/** HF asks API clients to stay well under ~1,000 requests per 5 minutes; one a second is polite. */
export const HF_MIN_INTERVAL_MS = 1000;

export interface HfDailyClient {
  /** The raw items of one day's feed (validated per record by the caller). */
  day(date: string): Promise<unknown[]>;
  /** The raw items of a week (2026-W34) or a month (2026-08). */
  period(kind: 'week' | 'month', key: string): Promise<unknown[]>;
}

/** A client for the daily papers API at a base URL (tests point it at a local server). */
export function createHfDailyClient(fetcher: PoliteFetcher, baseUrl = HF_BASE_URL): HfDailyClient {
  const get = async (param: string, key: string): Promise<unknown[]> => {
    const url = `${baseUrl.replace(/\/$/, '')}/api/daily_papers?${param}=${encodeURIComponent(key)}&limit=100`;
    const res = await fetcher.get(url);
    if (res.status !== 200) {
      throw new SourceError(`Hugging Face answered ${res.status} for ${key}`, { url, status: res.status, retryable: res.status >= 500 });
    }
    return parseDailyAnswer(res.body, url);
  };
  return { day: (date) => get('date', date), period: (kind, key) => get(kind, key) };
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
    throw new SourceError(`Hugging Face answered a ${doc === null ? 'null' : typeof doc}${keys} instead of a list of papers`, { url, retryable: false });
  }
  return doc;
}
