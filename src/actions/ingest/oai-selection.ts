/**
 * Which OAI-PMH harvest a run belongs to. A harvest reads one OAI set but keeps only the records of
 * some categories, so its checkpoint (and lease) belongs to the set *and* the selection: a run for
 * cs.DC must not move the start of a later cs.LG run past days that run never read.
 */
import type { Kysely } from 'kysely';
import { getCheckpoint, listRuns } from '../../db/ingest.ts';
import type { DB } from '../../db/schema.ts';

const PHYSICS = /^(astro-ph|cond-mat|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nlin|nucl-ex|nucl-th|physics|quant-ph)$/;

/** The OAI set holding a category: "cs.LG" is in "cs", "hep-th" in "physics:hep-th". */
export function oaiSetOf(category: string): string {
  const archive = category.split('.')[0] as string;
  return PHYSICS.test(archive) ? `physics:${archive}` : archive;
}

/** The source (checkpoint and lease) of a harvest of one set for some categories: "arxiv-oai:cs:cs.CL,cs.LG". */
export function oaiSource(set: string, categories: string[]): string {
  const mine = [...new Set(categories.filter((c) => oaiSetOf(c) === set))].sort();
  return `arxiv-oai:${set}:${mine.join(',')}`;
}

/**
 * The checkpoint older versions kept per set alone ("arxiv-oai:cs"), when it is this selection's:
 * the last run recorded under that key harvested exactly these categories of the set (the scheduled
 * harvest of INGEST_CATEGORIES, usually). Another selection's checkpoint is not taken, since its
 * start may have passed days this selection never read; such a selection starts as a new one does.
 */
export async function legacyOaiCheckpoint<S>(db: Kysely<DB>, set: string, categories: string[]): Promise<S | undefined> {
  const legacy = `arxiv-oai:${set}`;
  const [last] = await listRuns(db, 1, legacy);
  if (!last) return undefined;
  const params = JSON.parse(last.params) as { categories?: unknown };
  if (!Array.isArray(params.categories) || oaiSource(set, params.categories.map(String)) !== oaiSource(set, categories)) return undefined;
  return getCheckpoint<S>(db, legacy);
}
