/**
 * The arXiv record: what any of arXiv's three doors (OAI-PMH, the search API, the announcement
 * feed) tells us about one paper, in one shape, plus the small text rules they share.
 */
import { normalizeArxivId } from '../../core/paper.ts';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

/** One paper as arXiv describes it. Dates are YYYY-MM-DD. */
export interface ArxivRecord {
  /** Without version: "2104.12255", "hep-th/9901001". */
  arxivId: string;
  /** Latest version known; null when the format does not say (OAI `arXiv` format of an updated paper). */
  version: number | null;
  /** Whitespace collapsed (arXiv wraps lines); LaTeX kept as is (accents become letters in the paper, see to-paper.ts). */
  title: string;
  abstract: string;
  authors: string[];
  /** Primary category first. */
  categories: string[];
  /** Date of v1 (for the announcement feed: the announcement date of a "new" entry). */
  publishedOn: string | null;
  /** Date of the latest version when there is more than one. */
  updatedOn: string | null;
  /** OAI header datestamp: when arXiv last changed the record's metadata. */
  datestamp: string | null;
  /** The date of the daily announcement this record came from (announcement feed only). */
  announcedOn: string | null;
  withdrawn: boolean;
  comments: string | null;
  doi: string | null;
  journalRef: string | null;
  announceType: AnnounceType | null;
}

/** An entry of an answer that could not become a record: what it was (id or position) and why. */
export interface RejectedRecord {
  id: string;
  reason: string;
}

/** Why a parsed record cannot be stored (a paper needs a title), or undefined when it can. */
export function recordProblem(record: ArxivRecord): string | undefined {
  if (!record.title) return 'title is empty';
  return undefined;
}

/**
 * Reads a feed's entries one by one: `read` gives a record or the reason it cannot be one, and a
 * record without what a paper needs is rejected too, so one bad entry never sinks the others.
 * `label` names an unreadable entry (its raw id, or its position).
 */
export function readEntries<T>(entries: T[], read: (e: T) => ArxivRecord | string, label: (e: T, i: number) => string): { records: ArxivRecord[]; rejected: RejectedRecord[] } {
  const records: ArxivRecord[] = [];
  const rejected: RejectedRecord[] = [];
  entries.forEach((e, i) => {
    const record = read(e);
    const problem = typeof record === 'string' ? record : recordProblem(record);
    if (typeof record !== 'string' && !problem) records.push(record);
    else rejected.push({ id: typeof record === 'string' ? label(e, i) : record.arxivId, reason: problem ?? 'invalid entry' });
  });
  return { records, rejected };
}

/** Collapses runs of whitespace (line wraps, indentation) to single spaces. */
export function squash(text: string | null | undefined): string {
  // Only runs of two or more, and lone tabs or newlines, need replacing: single spaces stay as they are.
  return (text ?? '').replace(/\s\s+|[^\S ]/g, ' ').trim();
}

/** Like squash, but an empty result is null. */
export function squashOrNull(text: string | null | undefined): string | null {
  return squash(text) || null;
}

const VERSIONED = /((?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7})|(?:\d{4}\.\d{4,5}))(?:v(\d+))?$/i;

/** Splits "http://arxiv.org/abs/2104.12255v3" or "oai:arXiv.org:hep-th/9901001" into id and version. */
export function splitVersionedId(text: string): { arxivId: string; version: number | null } | undefined {
  const m = VERSIONED.exec(text.trim());
  const arxivId = m ? normalizeArxivId(m[1] as string) : undefined;
  if (!m || !arxivId) return undefined;
  return { arxivId, version: m[2] ? Number(m[2]) : null };
}

/** YYYY-MM-DD from an ISO timestamp (kept in its own zone) or an RFC 2822 date (taken in UTC). */
export function toDay(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(t);
  if (iso) return iso[0];
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

/**
 * Author names from arXiv's one-line form: "A. One, B. Two (MIT) and C. Three". Affiliations in
 * parentheses are dropped first, since they may contain commas and "and".
 */
export function splitAuthors(text: string | null | undefined): string[] {
  let s = squash(text);
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\s*\([^()]*\)/g, '');
  }
  return s
    .split(/\s*,\s*|\s+and\s+/)
    .map((n) => n.replace(/^and\s+/, '').trim())
    .filter((n) => n.length > 0);
}

const WITHDRAWN = /\b(?:has been|have been|is being|was) withdrawn\b|\bwithdrawn by (?:the )?(?:author|arxiv|submitter)|^withdrawn\b/i;

/** True when a comment or abstract carries arXiv's withdrawal notice. */
export function mentionsWithdrawal(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => !!t && WITHDRAWN.test(squash(t)));
}

/** Categories in order without duplicates, the primary (when known) first. */
export function primaryFirst(primary: string | null | undefined, all: string[]): string[] {
  return [...new Set([...(primary ? [primary] : []), ...all.filter(Boolean)])];
}
