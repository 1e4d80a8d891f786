/**
 * One paper's BibTeX entry, for its page's "BibTeX" link and the API: the same entry a
 * collection's export holds for it (core/bibtex.ts), so a paper is cited one way everywhere.
 * A hidden paper has none, as on its page it does not exist, except for the staff who may still
 * read it (paperBibtexForViewer).
 */
import type { Kysely } from 'kysely';
import { bibtexEntry, citationKey } from '../core/bibtex.ts';
import type { Paper } from '../core/paper.ts';
import { findPaper } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { paperForViewer, type PaperViewer } from './search-papers.ts';

/** A paper's citation key and BibTeX entry, or undefined when there is no such (visible) paper. */
export async function paperBibtex(db: Kysely<DB>, id: string): Promise<{ paperId: string; key: string; bibtex: string } | undefined> {
  const paper = await findPaper(db, id);
  return paper ? entryOf(paper) : undefined;
}

/**
 * A paper's entry as `viewer` may read it: a visible paper's, or a hidden one's (`hidden: true`)
 * for the staff; undefined when there is no such paper for them.
 */
export async function paperBibtexForViewer(db: Kysely<DB>, viewer: PaperViewer, id: string): Promise<{ entry: { paperId: string; key: string; bibtex: string }; hidden: boolean } | undefined> {
  const found = await paperForViewer(db, viewer, id);
  return found && { entry: entryOf(found.paper), hidden: found.hidden };
}

function entryOf(paper: Paper): { paperId: string; key: string; bibtex: string } {
  const key = citationKey(paper);
  return { paperId: paper.id, key, bibtex: bibtexEntry(paper, key) };
}
