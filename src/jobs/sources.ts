/**
 * The outside sources as configured: one polite fetcher per service (arXiv's 3-second rule and
 * Hugging Face's rate limit are enforced there), each naming Paperboy and the admin's contact.
 * A process builds them once (createSources) and hands the same clients to everything that talks
 * to a source, so that arXiv sees one queue of requests from it, never two. Given the store, the
 * clients also take their request slots from it, so every process on the same database (CLI runs,
 * `serve`, other nodes) keeps each source's spacing together.
 */
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { sharedRequestGate } from '../db/source-throttle.ts';
import { type ArxivClient, createArxivClient } from '../sources/arxiv/index.ts';
import { createHfDailyClient, type HfDailyClient } from '../sources/hf-daily.ts';
import type { Clock } from '../sources/http/clock.ts';
import { createPoliteFetcher, type FetchLike, type RetryNotice } from '../sources/http/polite-fetch.ts';
import type { RequestGate } from '../sources/http/request-gate.ts';

export const ARXIV_FLOOR_MS = 3000;
export const HF_FLOOR_MS = 300;

/** The clients of one process: share them, never build a second one. */
export interface Sources {
  arxiv: ArxivClient;
  hf: HfDailyClient;
  /** Requests these clients have tried again so far: a run's attempts are its requests plus the retries made while it ran. */
  retries?: () => number;
}

export interface SourceOptions {
  /** The store whose source_throttle spaces requests across processes; without it, only this client's own. */
  database?: Database;
  /** Holders known to be dead (a killed process on this host), whose hold need not lapse first. */
  isDead?: (holder: string) => boolean;
  /** Retries after a failed request (default 5); a person waiting on a page gets fewer. */
  maxRetries?: number;
  /** Told before each wait for a retry (a log line, so a run waiting out a failing source says so). */
  onRetry?: (notice: RetryNotice) => void;
  /** Test seams: a virtual clock, a recording fetch. */
  clock?: Clock;
  fetch?: FetchLike;
}

/** The request gate of a source: shared through the store when there is one, else the fetcher's own. */
function gate(source: string, intervalMs: number, opts: SourceOptions): RequestGate | undefined {
  if (!opts.database) return undefined;
  return sharedRequestGate(opts.database, source, { intervalMs, isDead: opts.isDead });
}

/** The User-Agent sent to every source: program, version, where to find it, and a contact. */
export function userAgent(config: Config): string {
  return `Paperboy/0.1 (self-hosted paper discovery; mailto:${config.contactEmail})`;
}

/** The Hugging Face daily papers client. */
export function hfClient(config: Config, opts: SourceOptions = {}): HfDailyClient {
  const fetcher = createPoliteFetcher({
    userAgent: userAgent(config),
    minIntervalMs: config.hfMinIntervalMs,
    floorMs: HF_FLOOR_MS,
    maxRetries: 5,
    gate: gate('hf', config.hfMinIntervalMs, opts),
    onRetry: opts.onRetry,
    clock: opts.clock,
    fetch: opts.fetch,
  });
  return createHfDailyClient(fetcher, config.hfBaseUrl);
}

/** The arXiv client: OAI-PMH, search API and announcement feed, one request every 3 s at most. */
export function arxivClient(config: Config, opts: SourceOptions = {}): ArxivClient {
  const fetcher = createPoliteFetcher({
    userAgent: userAgent(config),
    minIntervalMs: config.arxivMinIntervalMs,
    floorMs: ARXIV_FLOOR_MS,
    maxRetries: opts.maxRetries ?? 5,
    gate: gate('arxiv', config.arxivMinIntervalMs, opts),
    onRetry: opts.onRetry,
    clock: opts.clock,
    fetch: opts.fetch,
  });
  return createArxivClient({ fetcher, oaiBaseUrl: config.arxivOaiUrl, apiBaseUrl: config.arxivApiUrl, rssBaseUrl: config.arxivRssUrl });
}

/** Every source client of a process, each with its own single fetcher, counting the requests they try again. */
export function createSources(config: Config, opts: SourceOptions = {}): Sources {
  let retried = 0;
  const counted: SourceOptions = {
    ...opts,
    onRetry: (notice) => {
      retried++;
      opts.onRetry?.(notice);
    },
  };
  return { arxiv: arxivClient(config, counted), hf: hfClient(config, counted), retries: () => retried };
}
