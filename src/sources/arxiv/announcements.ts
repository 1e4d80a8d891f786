/**
 * arXiv's daily announcement feed (rss.arxiv.org/atom/CATEGORIES): the papers announced in the
 * latest mailing, each marked new, cross(-list), replace(ment) or replace-cross. The feed gives
 * no v1 date: a "new" entry was first published on its announcement day, for the others the
 * date of v1 is unknown (null) and a replacement's announcement day is its update date. An entry
 * that cannot be stored (no arXiv id, an empty title) is listed in `rejected` with its reason.
 */
import {
  type AnnounceType,
  type ArxivRecord,
  mentionsWithdrawal,
  readEntries,
  type RejectedRecord,
  splitAuthors,
  splitVersionedId,
  squash,
  squashOrNull,
  toDay,
} from './record.ts';
import { attr, children, parseXmlDocument, textOf, type XmlNode } from './xml.ts';

const TYPES = new Set<AnnounceType>(['new', 'cross', 'replace', 'replace-cross']);

/** An announcement feed: its records and the entries that could not be read. */
export interface ArxivFeed {
  records: ArxivRecord[];
  rejected: RejectedRecord[];
}

/** Parses an announcement feed. A day without announcements (weekends) is an empty list. */
export function parseAnnouncementFeed(xml: string, url = ''): ArxivFeed {
  const feed = parseXmlDocument(xml, 'feed', 'an arXiv announcement (Atom) feed', url);
  return readEntries(children(feed, 'entry') as XmlNode[], fromEntry, (e, i) => squash(textOf(e['id'])) || `entry ${i + 1}`);
}

/** One entry as a record, or why it cannot be one. */
function fromEntry(e: XmlNode): ArxivRecord | string {
  const rawId = textOf(e['id']);
  const id = splitVersionedId(rawId);
  if (!id) return `id "${squash(rawId).slice(0, 100)}" is not an arXiv id`;
  const type = squash(textOf(e['announce_type'])) as AnnounceType;
  const announceType = TYPES.has(type) ? type : null;
  const announcedOn = toDay(textOf(e['published']));
  // The summary reads "arXiv:2508.13426v1 Announce Type: cross \nAbstract: ...".
  const summary = textOf(e['summary']);
  const at = summary.indexOf('Abstract:');
  const abstract = squash(at >= 0 ? summary.slice(at + 'Abstract:'.length) : summary);
  return {
    arxivId: id.arxivId,
    version: id.version,
    title: squash(textOf(e['title'])),
    abstract,
    authors: splitAuthors(textOf(e['creator'])),
    // Listed primary first, as on arXiv's pages.
    categories: [...new Set(children(e, 'category').map((c) => attr(c, 'term') ?? '').filter(Boolean))],
    publishedOn: announceType === 'new' ? announcedOn : null,
    updatedOn: announceType === 'replace' || announceType === 'replace-cross' ? announcedOn : null,
    datestamp: null,
    announcedOn,
    withdrawn: mentionsWithdrawal(abstract.slice(0, 200)),
    comments: null,
    doi: squash(textOf(children(e, 'DOI')[0] ?? children(e, 'doi')[0])).split(' ')[0] || null,
    journalRef: squashOrNull(textOf(e['journal_reference'])),
    announceType,
  };
}
