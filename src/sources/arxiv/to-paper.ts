/**
 * From an arXiv record to what the store imports. PaperInput has no place yet for the version,
 * the withdrawal flag or the update date, so they travel beside it.
 */
import { latexTextToUnicode } from '../../core/latex-text.ts';
import type { PaperInput } from '../../core/paper.ts';
import type { ArxivRecord } from './record.ts';

export interface ArxivPaper {
  paper: PaperInput;
  version: number | null;
  withdrawn: boolean;
  updatedOn: string | null;
}

/** True for an announcement of a new version (replace, replace-cross): the paper itself is not new. */
export function isReplacement(record: Pick<ArxivRecord, 'announceType'>): boolean {
  return record.announceType === 'replace' || record.announceType === 'replace-cross';
}

/**
 * Maps a record to a PaperInput. The feed date is, in order: the one given (null: none), the
 * announcement date, the date of v1. A replacement's announcement day is the day of its new
 * version, not the day the paper entered the feed, so it never gives a feed date (nor does the
 * announcement feed know v1's date). arXiv's `comments` are an author note, not a discussion
 * count, so PaperInput.comments is left unset.
 */
export function toPaperInput(record: ArxivRecord, opts: { feedDate?: string | null } = {}): ArxivPaper {
  const derived = (isReplacement(record) ? null : record.announcedOn) ?? record.publishedOn;
  return {
    paper: {
      id: record.arxivId,
      arxivId: record.arxivId,
      title: latexTextToUnicode(record.title),
      abstract: latexTextToUnicode(record.abstract),
      authors: record.authors.map(latexTextToUnicode),
      authorsCount: record.authors.length,
      organization: null,
      publishedOn: record.publishedOn,
      feedDate: opts.feedDate !== undefined ? opts.feedDate : derived,
      upvotes: 0,
      categories: record.categories,
      githubRepo: null,
      projectPage: null,
    },
    version: record.version,
    withdrawn: record.withdrawn,
    updatedOn: record.updatedOn,
  };
}
