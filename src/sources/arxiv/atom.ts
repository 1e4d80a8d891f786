/**
 * Answers of arXiv's search API (export.arxiv.org/api/query): an Atom feed with OpenSearch
 * counts. The API reports a bad request as a feed with one entry whose id is under
 * http://arxiv.org/api/errors; that becomes an ArxivApiError, never a record. An entry that
 * cannot be stored (no arXiv id, an empty title) is listed in `rejected` with its reason.
 */
import { SourceError } from '../http/source-error.ts';
import { type ArxivRecord, mentionsWithdrawal, primaryFirst, readEntries, type RejectedRecord, splitVersionedId, squash, squashOrNull, toDay } from './record.ts';
import { attr, children, parseXmlDocument, textOf, type XmlNode } from './xml.ts';

/** An error the API answered with (e.g. "incorrect id format for abc"). */
export class ArxivApiError extends SourceError {
  override name = 'ArxivApiError';
}

/** One page of search results. */
export interface ArxivAtomPage {
  records: ArxivRecord[];
  /** Entries that could not be read, each with its reason. */
  rejected: RejectedRecord[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
}

/** Category terms that look like arXiv's (the API also lists ACM/MSC classes as categories). */
const ARXIV_CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

/** Parses an API answer into records and the OpenSearch counts. */
export function parseArxivAtom(xml: string, url = ''): ArxivAtomPage {
  const feed = parseXmlDocument(xml, 'feed', 'an arXiv API Atom feed', url);
  const entries = children(feed, 'entry') as XmlNode[];
  for (const e of entries) {
    const id = textOf(e['id']);
    if (/^https?:\/\/arxiv\.org\/api\/errors/i.test(id)) {
      throw new ArxivApiError(`arXiv API error: ${squash(textOf(e['summary'])) || id}`, { url, retryable: false });
    }
  }
  const count = (name: string): number => {
    const raw = textOf(feed[name]).trim();
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new SourceError(`arXiv API feed without a valid <opensearch:${name}>${url ? ` (${url})` : ''}`, { url, retryable: false });
    return n;
  };
  const { records, rejected } = readEntries(entries, fromEntry, (e, i) => squash(textOf(e['id'])) || `entry ${i + 1}`);
  return {
    records,
    rejected,
    totalResults: count('totalResults'),
    startIndex: count('startIndex'),
    itemsPerPage: count('itemsPerPage'),
  };
}

/** The entry as a record, or why it cannot be one. */
function fromEntry(e: XmlNode): ArxivRecord | string {
  const rawId = textOf(e['id']);
  const id = splitVersionedId(rawId);
  if (!id) return `id "${squash(rawId).slice(0, 100)}" is not an arXiv id`;
  const publishedOn = toDay(textOf(e['published']));
  const updated = toDay(textOf(e['updated']));
  const terms = children(e, 'category').map((c) => attr(c, 'term') ?? '').filter((t) => ARXIV_CATEGORY.test(t));
  const comments = squashOrNull(textOf(e['comment']));
  const abstract = squash(textOf(e['summary']));
  return {
    arxivId: id.arxivId,
    version: id.version,
    title: squash(textOf(e['title'])),
    abstract,
    authors: children(e, 'author').map((a) => squash(textOf((a as XmlNode)['name']))).filter(Boolean),
    categories: primaryFirst(attr(e['primary_category'], 'term'), terms),
    publishedOn,
    // `updated` equals `published` for a paper with one version.
    updatedOn: updated && (updated !== publishedOn || (id.version ?? 1) > 1) ? updated : null,
    datestamp: null,
    announcedOn: null,
    withdrawn: mentionsWithdrawal(comments, abstract.slice(0, 200)),
    comments,
    doi: squash(textOf(children(e, 'doi')[0])).split(' ')[0] || null,
    journalRef: squashOrNull(textOf(e['journal_ref'])),
    announceType: null,
  };
}
