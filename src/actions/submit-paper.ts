/**
 * Submitting a paper to today's feed by arXiv id or URL. The metadata comes from arXiv through
 * the same client ingestion uses; the paper enters the feed of the day it is submitted, marked
 * "submitted by" the user, in one transaction with the submission row. A paper already in the
 * store is not fetched again: the caller is sent to it, and if it was in no feed yet (harvested by
 * OAI-PMH) it enters today's. A paper hidden by a moderator cannot be submitted (409). Every
 * attempt counts against an hourly limit per IP and per user (so arXiv is not hammered through
 * the site); only a submission that adds a paper to a feed counts against the daily limit per
 * user, so duplicates and arXiv's failures do not use it up.
 */
import type { Kysely } from 'kysely';
import { AppError, badRequest } from '../core/errors.ts';
import { isoDate } from '../core/feed-window.ts';
import { normalizeArxivId, type Paper } from '../core/paper.ts';
import { findPaper, lockPaperWrites, upsertPapers } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { findPaperAnyState } from '../db/moderation.ts';
import { enterFeed, recordSubmission } from '../db/submissions.ts';
import type { User } from '../db/users.ts';
import type { PaperSearch } from '../search/index.ts';
import { type ArxivClient, type ArxivRecord, SourceError } from '../sources/arxiv/index.ts';
import { arxivPaper } from './ingest/arxiv.ts';
import { enforceLimit, LIMITS, refundLimit } from './rate-limit.ts';

/** What submissions need of the arXiv client: look-ups by id. */
export type ArxivLookup = Pick<ArxivClient, 'lookup'>;

export interface SubmitResult {
  paper: Paper;
  /** True when the paper was already in a feed: nothing was fetched or changed. */
  existing: boolean;
}

/** Reads an arXiv id from what a person pastes: "2501.05441", "arXiv:2501.05441v2", an abs or pdf URL. */
export function parseSubmittedId(input: unknown): string {
  const text = typeof input === 'string' ? input.trim().slice(0, 300) : '';
  if (!text) throw badRequest('invalid_arxiv_id', 'Enter an arXiv id (like 2501.05441) or an arxiv.org link.');
  const id = normalizeArxivId(text);
  if (!id) throw badRequest('invalid_arxiv_id', `"${text.slice(0, 80)}" is not an arXiv id or an arxiv.org link. Use an id like 2501.05441 or a link like https://arxiv.org/abs/2501.05441.`);
  return id;
}

/**
 * Longest a submission waits for arXiv. Its look-up queues behind the other requests to arXiv
 * (one every 3 seconds, and any pause arXiv asked for, across every process on the store), which
 * after a 429 can be minutes: past this the person gets an answer instead of a hanging page.
 */
export const LOOKUP_DEADLINE_MS = 30_000;

/** Why arXiv could not be reached, in words, from the system's code for it (ENOTFOUND, ECONNREFUSED…). */
export function unreachableReason(code: string): string {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "arXiv's address could not be looked up: this server may be offline";
    case 'ECONNREFUSED':
      return 'arXiv refused the connection (or this server has a wrong address for it)';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'arXiv did not answer in time: it, or this server’s network, may be down';
    case 'ECONNRESET':
      return 'the connection to arXiv was cut off';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'there is no network route to arXiv: this server may be offline';
    default:
      return 'no answer came: arXiv, or this server’s network, may be down';
  }
}

/** Fetches one record, turning the source's failures into clear 404 / 502 / 503 answers. */
async function fetchRecord(client: ArxivLookup, id: string, deadlineMs: number): Promise<ArxivRecord> {
  let records: ArxivRecord[];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(503, 'arxiv_busy', 'arXiv is busy right now (requests to it are queued); please try again in a few minutes.')), deadlineMs);
    });
    // The look-up goes on in the background when late; its answer is then simply not used.
    records = await Promise.race([client.lookup([id]), late]);
  } catch (err) {
    if (err instanceof SourceError && err.name === 'ArxivApiError') throw new AppError(404, 'not_on_arxiv', `arXiv does not know the paper ${id}.`);
    if (err instanceof SourceError && err.status === undefined) {
      // No answer at all: a name that does not resolve, a refused or reset connection, a timeout.
      // The person reads it in words; the code stays in the cause, which the log records.
      const code = /(?:request failed|cannot connect to \S+) \((?:fetch failed: )?([^)]*)\)/.exec(err.message)?.[1] ?? '';
      throw new AppError(502, 'arxiv_unreachable', `Paperboy could not reach arXiv: ${unreachableReason(code)}. Please try again later.`, { cause: err });
    }
    if (err instanceof SourceError) {
      const busy = err.status === 503 || err.status === 429;
      throw new AppError(busy ? 503 : 502, 'arxiv_unavailable', `arXiv did not answer properly (${busy ? 'it is busy' : 'it may be down'}); please try again in a few minutes.`, { cause: err });
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const record = records.find((r) => r.arxivId === id);
  if (!record) throw new AppError(404, 'not_on_arxiv', `arXiv has no paper with the id ${id}.`);
  return record;
}

const unavailable = (id: string): AppError => new AppError(409, 'paper_unavailable', `The paper ${id} is not available on this site.`);

/** A stored paper that is in no feed yet enters today's, submitted by the user (unless someone was quicker). */
async function enterToday(db: Kysely<DB>, paper: Paper, input: { user: User }, now: Date): Promise<SubmitResult> {
  const entered = await db.transaction().execute(async (trx) => {
    if (!(await enterFeed(trx, paper.id, isoDate(now.getTime()), now))) return false;
    await recordSubmission(trx, { userId: input.user.id, userName: input.user.name, paperId: paper.id, now });
    return true;
  });
  const fresh = await findPaper(db, paper.id);
  if (!fresh) throw unavailable(paper.id);
  return { paper: fresh, existing: !entered };
}

/** Submits a paper to today's feed; a paper already in a feed answers with `existing: true`; one stored but in no feed yet (harvested) enters today's. */
export async function submitPaper(
  db: Kysely<DB>,
  client: ArxivLookup | undefined,
  input: { id: unknown; user: User; ip: string; search?: PaperSearch },
  now: Date,
  opts: { lookupDeadlineMs?: number } = {},
): Promise<SubmitResult> {
  const id = parseSubmittedId(input.id);
  await enforceLimit(db, LIMITS.submitPerIp, input.ip, now);
  await enforceLimit(db, LIMITS.submitAttemptsPerUser, input.user.id, now);
  // A paper a moderator hid stays hidden: no look-up, no resubmission.
  if ((await findPaperAnyState(db, id))?.hidden) throw unavailable(id);
  const known = await findPaper(db, id);
  if (known?.feedDate) return { paper: known, existing: true };
  if (!known && !client) throw new AppError(503, 'arxiv_unavailable', 'Submissions are not available on this server (no arXiv connection is configured).');
  // The daily limit counts papers added to a feed: the hit is taken back when none was (arXiv
  // failed, or another submission added the paper first).
  await enforceLimit(db, LIMITS.submitPerUser, input.user.id, now);
  let added = false;
  try {
    const result = known ? await enterToday(db, known, input, now) : await addFromArxiv(db, client!, id, input, now, opts);
    added = !result.existing;
    return result;
  } finally {
    if (!added) await refundLimit(db, LIMITS.submitPerUser, input.user.id);
  }
}

/** Fetches a paper the store does not hold from arXiv and adds it to today's feed, submitted by the user. */
async function addFromArxiv(
  db: Kysely<DB>,
  client: ArxivLookup,
  id: string,
  input: { user: User; search?: PaperSearch },
  now: Date,
  opts: { lookupDeadlineMs?: number },
): Promise<SubmitResult> {
  const record = await fetchRecord(client, id, opts.lookupDeadlineMs ?? LOOKUP_DEADLINE_MS);
  const paperId = await db.transaction().execute(async (trx) => {
    // Another submission (on this node or another) may have won the race while arXiv answered.
    await lockPaperWrites(trx);
    const raced = await findPaperAnyState(trx, id);
    if (raced) return undefined;
    await upsertPapers(trx, [{ ...arxivPaper(record, isoDate(now.getTime())), dailyFeedDate: true, submittedBy: input.user.name }], now.toISOString());
    const stored = await findPaper(trx, id);
    // The record merged into a hidden paper (same title, no arXiv id before): leave it hidden.
    if (!stored) throw unavailable(id);
    await recordSubmission(trx, { userId: input.user.id, userName: input.user.name, paperId: stored.id, now });
    return stored.id;
  });
  const paper = await findPaper(db, paperId ?? id);
  if (!paper) throw unavailable(id);
  if (input.search) await input.search.sync();
  return { paper, existing: paperId === undefined };
}
