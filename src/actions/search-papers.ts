/**
 * Searching papers and finding related ones: the search index ranks, the store supplies the
 * papers. Pages, API and CLI all call these.
 */
import type { Kysely } from 'kysely';
import { badRequest } from '../core/errors.ts';
import type { Paper } from '../core/paper.ts';
import { findPaper, getPapers } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import type { PaperSearch } from '../search/index.ts';

export type ScoredPaper = Paper & { score: number };

/** Longest query we look at; the rest of a longer one is ignored rather than refused. */
export const MAX_QUERY_CHARS = 1000;

/** Validates search paging parameters from a query string. */
export function parsePaging(raw: { limit?: string; offset?: string }, defaults: { limit: number }): { limit: number; offset: number } {
  const limit = raw.limit === undefined || raw.limit === '' ? defaults.limit : Number(raw.limit);
  const offset = raw.offset === undefined || raw.offset === '' ? 0 : Number(raw.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('invalid_limit', 'limit must be between 1 and 100');
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw badRequest('invalid_offset', 'offset must be between 0 and 10000');
  return { limit, offset };
}

/** One page of search results, best first. */
export async function searchPapers(
  db: Kysely<DB>,
  search: PaperSearch,
  q: { query: string; limit: number; offset: number },
): Promise<{ total: number; papers: ScoredPaper[] }> {
  const query = q.query.slice(0, MAX_QUERY_CHARS);
  if (!query.trim()) return { total: 0, papers: [] };
  const page = await search.search(query, { limit: q.limit, offset: q.offset });
  const papers = await getPapers(
    db,
    page.hits.map((h) => h.id),
  );
  const score = new Map(page.hits.map((h) => [h.id, h.score]));
  return { total: page.total, papers: papers.map((p) => ({ ...p, score: score.get(p.id) ?? 0 })) };
}

/** A paper with its most similar papers, or undefined when there is no such paper. */
export async function getPaperWithRelated(
  db: Kysely<DB>,
  search: PaperSearch,
  id: string,
  relatedCount = 5,
): Promise<{ paper: Paper; related: Paper[] } | undefined> {
  const paper = await findPaper(db, id);
  if (!paper) return undefined;
  const hits = await search.related(paper.id, relatedCount);
  return { paper, related: await getPapers(db, hits.map((h) => h.id)) };
}
