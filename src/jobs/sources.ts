/**
 * The outside sources as configured: one polite fetcher per service (arXiv's 3-second rule and
 * Hugging Face's rate limit are enforced there), each naming Paperboy and the admin's contact.
 */
import type { Config } from '../config.ts';
import { type ArxivClient, createArxivClient } from '../sources/arxiv/index.ts';
import { createHfDailyClient, type HfDailyClient } from '../sources/hf-daily.ts';
import { createPoliteFetcher } from '../sources/http/polite-fetch.ts';

export const ARXIV_FLOOR_MS = 3000;
export const HF_FLOOR_MS = 300;

/** The User-Agent sent to every source: program, version, where to find it, and a contact. */
export function userAgent(config: Config): string {
  return `Paperboy/0.1 (self-hosted paper discovery; mailto:${config.contactEmail})`;
}

/** The Hugging Face daily papers client. */
export function hfClient(config: Config): HfDailyClient {
  const fetcher = createPoliteFetcher({
    userAgent: userAgent(config),
    minIntervalMs: config.hfMinIntervalMs,
    floorMs: HF_FLOOR_MS,
    maxRetries: 5,
  });
  return createHfDailyClient(fetcher, config.hfBaseUrl);
}

/** The arXiv client: OAI-PMH, search API and announcement feed, one request every 3 s at most. */
export function arxivClient(config: Config): ArxivClient {
  const fetcher = createPoliteFetcher({
    userAgent: userAgent(config),
    minIntervalMs: config.arxivMinIntervalMs,
    floorMs: ARXIV_FLOOR_MS,
    maxRetries: 5,
  });
  return createArxivClient({ fetcher, oaiBaseUrl: config.arxivOaiUrl, apiBaseUrl: config.arxivApiUrl, rssBaseUrl: config.arxivRssUrl });
}
