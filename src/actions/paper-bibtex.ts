/**
 * One paper's BibTeX entry, for its page's "BibTeX" link and the API: the same entry a
 * collection's export holds for it (core/bibtex.ts), so a paper is cited one way everywhere.
 * A hidden paper has none, as on its page it does not exist, except for the staff who may still
 * read it (hiddenPaperBibtexForStaff).
 */
import type { Kysely } from 'kysely';
import { bibtexEntry, citationKey } from '../core/bibtex.ts';
import type { Paper } from '../core/paper.ts';
import { findPaper } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { getHiddenPaperForStaff } from './search-papers.ts';

/** A paper's citation key and BibTeX entry, or undefined when there is no such (visible) paper. */
export async function paperBibtex(db: Kysely<DB>, id: string): Promise<{ paperId: string; key: string; bibtex: string } | undefined> {
  const paper = await findPaper(db, id);
  return paper ? entryOf(paper) : undefined;
}

/** The entry of a paper a moderator hid, for a moderator or administrator; undefined for anyone else. */
export async function hiddenPaperBibtexForStaff(db: Kysely<DB>, viewer: { role: string; banned?: boolean } | undefined, id: string): Promise<{ paperId: string; key: string; bibtex: string } | undefined> {
  const paper = await getHiddenPaperForStaff(db, viewer, id);
  return paper ? entryOf(paper) : undefined;
}

function entryOf(paper: Paper): { paperId: string; key: string; bibtex: string } {
  const key = citationKey(paper);
  return { paperId: paper.id, key, bibtex: bibtexEntry(paper, key) };
}
