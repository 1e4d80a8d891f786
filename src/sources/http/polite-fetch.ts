/**
 * A polite HTTP client for sources with published rate rules (arXiv: one request every 3 seconds,
 * one connection at a time): requests go one by one through a queue, each through a request gate
 * that starts it at least the minimum interval after the previous one was answered (the fetcher's
 * own gate, or one shared with other processes), every request names us and a contact in its
 * User-Agent, and transient failures (429, 5xx, resets, timeouts, bodies cut short) are retried
 * with backoff, which keeps everyone behind the same gate quiet too. A host that cannot be
 * connected to at all (refused, unknown name, no route) is tried again only briefly: that is a
 * wrong base URL or no network, and the error says so within seconds rather than minutes.
 */
import { type Clock, realClock } from './clock.ts';
import { connectFailure, hostOf } from './connect-failure.ts';
import { localGate, type RequestGate } from './request-gate.ts';
import { backoffMs, parseRetryAfter } from './retry-delay.ts';
import { SourceError } from './source-error.ts';

/** The subset of fetch's Response the fetcher reads. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null; forEach(cb: (value: string, key: string) => void): void };
  text(): Promise<string>;
}

/** The subset of fetch the fetcher calls (global fetch fits). */
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<FetchResponseLike>;

/** A whole answer: status, body as text and lower-case headers. */
export interface FetchResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface PoliteFetcher {
  /**
   * GETs a URL. Resolves with any final answer that is not worth retrying (2xx, 3xx, 4xx other
   * than 429), so the caller can read an error body; rejects with a SourceError when the retries
   * are used up or the server asks to wait longer than maxRetryAfterMs.
   */
  get(url: string): Promise<FetchResult>;
}

export interface PoliteFetcherOptions {
  /** Names the program and a contact (e-mail or URL), as arXiv asks of automated clients. */
  userAgent: string;
  /** Minimum time between the starts of two requests. */
  minIntervalMs: number;
  /** The least interval the source's rules allow; the caller fixes it (3000 for arXiv). */
  floorMs: number;
  /** Retries after the first attempt before giving up. */
  maxRetries: number;
  /** Per-attempt timeout, body included. Default 60 s. */
  timeoutMs?: number;
  /** First backoff when the server gives no Retry-After. Default 5 s, doubling. */
  backoffBaseMs?: number;
  /** Longest backoff. Default 2 minutes. */
  backoffCapMs?: number;
  /**
   * Retries (at most maxRetries) when the host cannot be connected to at all: refused, unknown
   * name, no route, connect timeout. Default 2.
   */
  connectRetries?: number;
  /** First wait before such a retry, doubling (the gate's interval still applies). Default 1 s. */
  connectBackoffBaseMs?: number;
  /**
   * A Retry-After above this is not waited out: the call fails (retryable) instead, and the gate
   * keeps the next requests back for this long only. Default 10 minutes.
   */
  maxRetryAfterMs?: number;
  /**
   * Where request slots come from. Default: the fetcher's own, spaced by minIntervalMs. A shared
   * gate must space by at least minIntervalMs too.
   */
  gate?: RequestGate;
  /** Told before each wait for a retry, so a long wait is not silent. */
  onRetry?: (notice: RetryNotice) => void;
  clock?: Clock;
  fetch?: FetchLike;
  random?: () => number;
}

/** A failed request about to be tried again. */
export interface RetryNotice {
  url: string;
  /** Why the attempt failed (status or network error). */
  reason: string;
  /** The retry about to be made (1 = the first), and how many there can be. */
  retry: number;
  maxRetries: number;
  /** How long until it is made. */
  waitMs: number;
}

/** How much longer than a request's timeout its slot is held, for the release to reach the gate. */
const HOLD_MARGIN_MS = 5_000;

/** Creates a fetcher that serializes and spaces its requests and retries transient failures. */
export function createPoliteFetcher(opts: PoliteFetcherOptions): PoliteFetcher {
  if (!(opts.minIntervalMs >= opts.floorMs)) {
    throw new Error(`minIntervalMs ${opts.minIntervalMs} is below the source's floor of ${opts.floorMs} ms`);
  }
  if (!/@|https?:\/\//.test(opts.userAgent)) {
    throw new Error(`the User-Agent must name a contact (e-mail or URL): "${opts.userAgent}"`);
  }
  if (!Number.isInteger(opts.maxRetries) || opts.maxRetries < 0) throw new Error(`maxRetries must be a non-negative integer`);
  const clock = opts.clock ?? realClock;
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const baseMs = opts.backoffBaseMs ?? 5_000;
  const capMs = opts.backoffCapMs ?? 120_000;
  const connectRetries = Math.min(opts.maxRetries, opts.connectRetries ?? 2);
  const connectBaseMs = opts.connectBackoffBaseMs ?? 1_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 600_000;
  const random = opts.random ?? Math.random;
  const gate = opts.gate ?? localGate(opts.minIntervalMs, clock);
  let tail: Promise<unknown> = Promise.resolve();

  async function once(url: string): Promise<{ result?: FetchResult; failure?: SourceError; retryAfterMs?: number; cannotConnect?: boolean }> {
    let status: number | undefined;
    try {
      const res = await doFetch(url, {
        headers: { 'user-agent': opts.userAgent, accept: 'application/xml, application/atom+xml, text/xml;q=0.9, */*;q=0.5' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      // Read the body inside the try: a connection reset mid-body surfaces here.
      const body = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
      if (res.status !== 429 && res.status < 500) return { result: { status: res.status, body, headers } };
      const serverNow = Date.parse(headers['date'] ?? '');
      return {
        failure: new SourceError(`GET ${url}: HTTP ${res.status}`, { url, retryable: true, status: res.status }),
        retryAfterMs: parseRetryAfter(headers['retry-after'], Number.isNaN(serverNow) ? Date.now() : serverNow),
      };
    } catch (err) {
      const code = status === undefined ? connectFailure(err) : undefined;
      if (code) {
        return { cannotConnect: true, failure: new SourceError(`GET ${url}: cannot connect to ${hostOf(url)} (${code})`, { url, retryable: true, cause: err }) };
      }
      const what = status === undefined ? 'request failed' : `HTTP ${status} but the body was cut short`;
      return { failure: new SourceError(`GET ${url}: ${what} (${describe(err)})`, { url, retryable: true, status, cause: err }) };
    }
  }

  /**
   * One attempt inside a slot of the gate. The slot is released once the answer is read (or
   * failed), so the interval counts from the end of the answer and no two requests overlap;
   * the pause the server asked for (or our backoff before a retry) is passed on to the gate.
   * `refused` counts the attempts so far that could not connect, which get few, short retries.
   */
  async function attempt(url: string, n: number, refused: number): Promise<FetchResult> {
    const release = await gate.acquire(timeoutMs + HOLD_MARGIN_MS);
    const { result, failure, retryAfterMs, cannotConnect } = await once(url);
    if (cannotConnect) {
      const retrying = refused < connectRetries && n < opts.maxRetries;
      const pauseMs = retrying ? backoffMs(refused + 1, connectBaseMs, capMs, random) : 0;
      await release(pauseMs);
      const err = failure as SourceError;
      if (!retrying) {
        throw new SourceError(`${err.message}; gave up after ${n + 1} attempts: check the base URL of this source and the network`, { url, retryable: true, cause: err.cause });
      }
      // The notice counts the retries such a failure gets, not the larger budget of other failures.
      opts.onRetry?.({ url, reason: err.message, retry: refused + 1, maxRetries: connectRetries, waitMs: pauseMs });
      await clock.sleep(pauseMs);
      return attempt(url, n + 1, refused + 1);
    }
    const retrying = !result && n < opts.maxRetries && !(retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs);
    const pauseMs = retryAfterMs !== undefined ? Math.min(retryAfterMs, maxRetryAfterMs) : retrying ? backoffMs(n + 1, baseMs, capMs, random) : 0;
    await release(pauseMs);
    if (result) return result;
    const err = failure as SourceError;
    if (n >= opts.maxRetries) {
      throw new SourceError(`${err.message}; gave up after ${n + 1} attempts`, { url, retryable: true, status: err.status, cause: err.cause });
    }
    if (!retrying) {
      throw new SourceError(`${err.message}; the server asks to retry after ${Math.round((retryAfterMs ?? 0) / 1000)} s, longer than we wait`, {
        url,
        retryable: true,
        status: err.status,
      });
    }
    opts.onRetry?.({ url, reason: err.message, retry: n + 1, maxRetries: opts.maxRetries, waitMs: pauseMs });
    await clock.sleep(pauseMs);
    return attempt(url, n + 1, refused);
  }

  return {
    get(url) {
      const run = tail.then(() => attempt(url, 0, 0));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

/** A short reason from fetch's nested errors: "ECONNRESET", "TimeoutError", "terminated"... */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const x = e as { code?: string; name?: string; message?: string };
    parts.push(x.code ?? (x.name && x.name !== 'Error' && x.name !== 'TypeError' ? x.name : x.message ?? String(e)));
  }
  return [...new Set(parts)].join(': ');
}
