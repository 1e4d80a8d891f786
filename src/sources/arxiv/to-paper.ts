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

/**
 * Maps a record to a PaperInput. The feed date is, in order: the one given, the announcement
 * date, the date of v1. arXiv's `comments` are an author note, not a discussion count, so
 * PaperInput.comments is left unset.
 */
export function toPaperInput(record: ArxivRecord, opts: { feedDate?: string | null } = {}): ArxivPaper {
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
      feedDate: opts.feedDate ?? record.announcedOn ?? record.publishedOn,
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
