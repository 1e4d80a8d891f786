/**
 * OAI-PMH answers from arXiv (ListRecords, GetRecord) in the `arXivRaw` format (every version
 * with its date and size) or the `arXiv` format (created/updated dates, structured authors).
 * Deleted records (header status="deleted") carry no metadata: they are not returned as records
 * but listed in `deletedIds`, so the caller can mark the papers withdrawn. A record that cannot be
 * stored (no valid id, an empty title) is listed in `rejected` with its reason; the rest of the
 * page stands.
 */
import { SourceError } from '../http/source-error.ts';
import {
  type ArxivRecord,
  mentionsWithdrawal,
  primaryFirst,
  recordProblem,
  type RejectedRecord,
  splitAuthors,
  splitVersionedId,
  squash,
  squashOrNull,
  toDay,
} from './record.ts';
import { attr, child, children, parseXmlDocument, textOf, type XmlNode } from './xml.ts';

export type OaiPrefix = 'arXivRaw' | 'arXiv';

/** An OAI-PMH protocol error (`<error code="...">`); badResumptionToken means restart the window. */
export class OaiError extends SourceError {
  override name = 'OaiError';
  readonly code: string;
  constructor(code: string, message: string, url = '') {
    super(`OAI-PMH error ${code}: ${squash(message) || '(no message)'}`, { url, retryable: false });
    this.code = code;
  }
}

/** One ListRecords page. */
export interface OaiPage {
  records: ArxivRecord[];
  /** Ids whose header says status="deleted". */
  deletedIds: string[];
  /** Records that could not be read, each with its reason. */
  rejected: RejectedRecord[];
  /** Token for the next page; null on the last one. */
  resumptionToken: string | null;
  completeListSize: number | null;
  cursor: number | null;
  /** The highest header datestamp on the page (deleted records included), to checkpoint a harvest. */
  datestampHighWater: string | null;
}

/** Parses a ListRecords answer. noRecordsMatch is an empty page; other OAI errors throw OaiError. */
export function parseOaiListRecords(xml: string, prefix: OaiPrefix, url = ''): OaiPage {
  const root = parseXmlDocument(xml, 'OAI-PMH', 'an OAI-PMH ListRecords answer', url);
  const empty: OaiPage = { records: [], deletedIds: [], rejected: [], resumptionToken: null, completeListSize: 0, cursor: null, datestampHighWater: null };
  if (throwOaiErrors(root, url) === 'noRecordsMatch') return empty;
  if (!('ListRecords' in root)) throw new SourceError(`an OAI-PMH answer without <ListRecords> or <error>${url ? ` (${url})` : ''}`, { url, retryable: false });
  const list = child(root, 'ListRecords');
  const page = readRecords(children(list, 'record'), prefix, url);
  const token = list['resumptionToken'];
  const size = attr(token, 'completeListSize');
  const cursor = attr(token, 'cursor');
  return {
    ...page,
    resumptionToken: squash(textOf(token)) || null,
    completeListSize: size !== undefined && /^\d+$/.test(size) ? Number(size) : null,
    cursor: cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : null,
  };
}

/** Parses a GetRecord answer: the record, or null when it is deleted. OAI errors throw OaiError. */
export function parseOaiGetRecord(xml: string, prefix: OaiPrefix, url = ''): ArxivRecord | null {
  const root = parseXmlDocument(xml, 'OAI-PMH', 'an OAI-PMH GetRecord answer', url);
  throwOaiErrors(root, url);
  const page = readRecords(children(child(root, 'GetRecord'), 'record'), prefix, url);
  const bad = page.rejected[0];
  if (bad) throw new SourceError(`OAI record ${bad.id}: ${bad.reason}${url ? ` (${url})` : ''}`, { url, retryable: false });
  if (page.records.length + page.deletedIds.length !== 1) {
    throw new SourceError(`an OAI-PMH GetRecord answer without exactly one record${url ? ` (${url})` : ''}`, { url, retryable: false });
  }
  return page.records[0] ?? null;
}

/** Throws the first OAI error other than noRecordsMatch; returns 'noRecordsMatch' when that is the answer. */
function throwOaiErrors(root: XmlNode, url: string): 'noRecordsMatch' | undefined {
  const errors = children(root, 'error');
  if (errors.length === 0) return undefined;
  const real = errors.find((e) => attr(e, 'code') !== 'noRecordsMatch');
  if (!real) return 'noRecordsMatch';
  throw new OaiError(attr(real, 'code') ?? 'unknown', textOf(real), url);
}

function readRecords(nodes: unknown[], prefix: OaiPrefix, url: string): Omit<OaiPage, 'resumptionToken' | 'completeListSize' | 'cursor'> {
  const records: ArxivRecord[] = [];
  const deletedIds: string[] = [];
  const rejected: RejectedRecord[] = [];
  let withoutMetadata: string | undefined;
  let high: string | null = null;
  for (const node of nodes) {
    const header = child(node, 'header');
    const datestamp = toDay(textOf(header['datestamp']));
    if (datestamp && (!high || datestamp > high)) high = datestamp;
    const identifier = squash(textOf(header['identifier'])) || '(no identifier)';
    if (attr(header, 'status') === 'deleted') {
      const id = splitVersionedId(identifier)?.arxivId;
      if (id) deletedIds.push(id);
      continue;
    }
    const meta = child(child(node, 'metadata'), prefix);
    if (Object.keys(meta).length === 0) {
      withoutMetadata ??= identifier;
      rejected.push({ id: identifier, reason: `no <${prefix}> metadata` });
      continue;
    }
    const record = prefix === 'arXivRaw' ? fromArxivRaw(meta, datestamp) : fromArxivFormat(meta, datestamp);
    const problem = record ? recordProblem(record) : 'no valid arXiv id';
    if (record && !problem) records.push(record);
    else rejected.push({ id: record?.arxivId ?? identifier, reason: problem ?? 'invalid record' });
  }
  // Not one record in the expected format: the harvest asked for the wrong one, not a bad record.
  if (withoutMetadata && records.length === 0 && rejected.every((r) => r.reason.startsWith('no <'))) {
    throw new SourceError(`OAI record ${withoutMetadata} has no <${prefix}> metadata (wrong metadataPrefix?)${url ? ` (${url})` : ''}`, { url, retryable: false });
  }
  return { records, deletedIds, rejected, datestampHighWater: high };
}

/** arXivRaw: versions with dates and sizes; a latest version of 0kb is how arXiv records a withdrawal. */
function fromArxivRaw(m: XmlNode, datestamp: string | null): ArxivRecord | undefined {
  const id = splitVersionedId(textOf(m['id']));
  if (!id) return undefined;
  const versions = children(m, 'version')
    .map((v) => ({ n: Number(/^v(\d+)$/.exec(attr(v, 'version') ?? '')?.[1] ?? NaN), date: toDay(textOf((v as XmlNode)['date'])), size: textOf((v as XmlNode)['size']) }))
    .filter((v) => Number.isFinite(v.n))
    .sort((a, b) => a.n - b.n);
  const first = versions[0];
  const last = versions[versions.length - 1];
  const comments = squashOrNull(textOf(m['comments']));
  return {
    arxivId: id.arxivId,
    version: last?.n ?? null,
    title: squash(textOf(m['title'])),
    abstract: squash(textOf(m['abstract'])),
    authors: splitAuthors(textOf(m['authors'])),
    categories: squash(textOf(m['categories'])).split(' ').filter(Boolean),
    publishedOn: first?.date ?? null,
    updatedOn: last && last.n > 1 ? last.date : null,
    datestamp,
    announcedOn: null,
    withdrawn: (last !== undefined && last.n > 1 && /^0\s*kb$/i.test(last.size.trim())) || mentionsWithdrawal(comments),
    comments,
    doi: firstDoi(m),
    journalRef: squashOrNull(textOf(m['journal-ref'])),
    announceType: null,
  };
}

/** arXiv format: no version list, so the version is 1 when never updated and unknown otherwise. */
function fromArxivFormat(m: XmlNode, datestamp: string | null): ArxivRecord | undefined {
  const id = splitVersionedId(textOf(m['id']));
  if (!id) return undefined;
  const authors = children(child(m, 'authors'), 'author').map((a) =>
    squash([textOf((a as XmlNode)['forenames']), textOf((a as XmlNode)['keyname']), textOf((a as XmlNode)['suffix'])].join(' ')),
  );
  const updatedOn = toDay(textOf(m['updated']));
  const comments = squashOrNull(textOf(m['comments']));
  return {
    arxivId: id.arxivId,
    version: updatedOn ? null : 1,
    title: squash(textOf(m['title'])),
    abstract: squash(textOf(m['abstract'])),
    authors: authors.filter(Boolean),
    categories: primaryFirst(null, squash(textOf(m['categories'])).split(' ')),
    publishedOn: toDay(textOf(m['created'])),
    updatedOn,
    datestamp,
    announcedOn: null,
    withdrawn: mentionsWithdrawal(comments),
    comments,
    doi: firstDoi(m),
    journalRef: squashOrNull(textOf(m['journal-ref'])),
    announceType: null,
  };
}

/** arXiv allows several DOIs separated by spaces; the first is the paper's own. */
function firstDoi(m: XmlNode): string | null {
  return squash(textOf(children(m, 'doi')[0])).split(' ')[0] || null;
}
