/**
 * One paper's BibTeX entry, for its page's "BibTeX" link and the API: the same entry a
 * collection's export holds for it (core/bibtex.ts), so a paper is cited one way everywhere.
 * A hidden paper has none: to everyone, as on its page, it does not exist.
 */
import type { Kysely } from 'kysely';
import { bibtexEntry, citationKey } from '../core/bibtex.ts';
import { findPaper } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';

/** A paper's citation key and BibTeX entry, or undefined when there is no such (visible) paper. */
export async function paperBibtex(db: Kysely<DB>, id: string): Promise<{ paperId: string; key: string; bibtex: string } | undefined> {
  const paper = await findPaper(db, id);
  if (!paper) return undefined;
  const key = citationKey(paper);
  return { paperId: paper.id, key, bibtex: bibtexEntry(paper, key) };
}
