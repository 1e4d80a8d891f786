/**
 * The pages of the names papers carry: an author (`/authors/:name`) and an organization as papers
 * name it (`/orgs/named/:name`). Each lists the papers naming it exactly (one whole element of the
 * authors list, or the organization field, in any case and accents included), newest first, a page
 * at a time, through the queries of the author and organization feeds, so page and feed agree.
 */
import type { Kysely } from 'kysely';
import { notFound } from '../core/errors.ts';
import type { PastEnd } from '../core/past-end.ts';
import { nameKey, type Paper } from '../core/paper.ts';
import { claimantsOfAuthor } from '../db/claims.ts';
import { type FeedFilter, feedPageRows, feedTotals } from '../db/feed-queries.ts';
import { findOrganizationByName, listOrganizations, type Organization } from '../db/organizations.ts';
import { countOrganizationNames, topOrganizationNames } from '../db/paper-names.ts';
import type { DB } from '../db/schema.ts';

/** Longest name looked up, as the feeds do. */
const MAX_NAME = 200;

/** One page of the papers naming a name, with their count and total upvotes. */
export interface NamedPapers {
  /** The name as papers write it (the spelling asked for when a paper uses it). */
  name: string;
  papers: Paper[];
  total: number;
  upvotes: number;
  page: number;
  pages: number;
}

/** An author's page: their papers, and the accounts whose approved claims name them. */
export interface AuthorView extends NamedPapers {
  claimants: { handle: string; name: string }[];
}

const tidyName = (raw: string): string => raw.replace(/\s+/g, ' ').trim();

async function namedPapers(db: Kysely<DB>, asked: string, filter: FeedFilter, spellings: (p: Paper) => (string | null)[], page: number, perPage: number, pastEnd: PastEnd): Promise<NamedPapers> {
  // Two queries in every case (one for a name no paper carries): the count, then one page of
  // papers; past the end the page is empty, and the first one tells how papers spell the name.
  const { total, upvotes } = await feedTotals(db, filter);
  if (total === 0) throw notFound(`No paper here names “${asked.slice(0, 80)}”.`);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages && pastEnd === 'notFound') throw notFound(`${asked.slice(0, 80)} has ${pages} page${pages === 1 ? '' : 's'} of papers.`);
  const papers = page > pages ? [] : await feedPageRows(db, filter, { limit: perPage, offset: (page - 1) * perPage });
  const first = page > pages ? await feedPageRows(db, filter, { limit: perPage, offset: 0 }) : papers;
  // A link from a paper carries the paper's own spelling; a name typed in another case shows as papers write it.
  const key = nameKey(asked);
  const found = first.flatMap(spellings).filter((s): s is string => s !== null && nameKey(s) === key).map(tidyName);
  const name = found.includes(asked) ? asked : (found[0] ?? asked);
  return { name, papers, total, upvotes, page, pages };
}

function askedName(raw: string): string {
  const asked = tidyName(raw);
  if (!asked || asked.length > MAX_NAME) throw notFound('There is no such name here.');
  return asked;
}

/** One page of an author's papers, newest first, and who claimed the name; a 404 when no paper lists it, and past the last page a 404 or (`pastEnd: 'empty'`) no papers. */
export async function viewAuthor(db: Kysely<DB>, raw: string, page: number, perPage: number, pastEnd: PastEnd = 'notFound'): Promise<AuthorView> {
  const asked = askedName(raw);
  const view = await namedPapers(db, asked, { author: asked }, (p) => p.authors, page, perPage, pastEnd);
  return { ...view, claimants: await claimantsOfAuthor(db, asked) };
}

/** One page of the papers whose organization field names an organization, newest first; a 404 when none does, and past the last page a 404 or (`pastEnd: 'empty'`) no papers. */
export async function viewNamedOrganization(db: Kysely<DB>, raw: string, page: number, perPage: number, pastEnd: PastEnd = 'notFound'): Promise<NamedPapers> {
  const asked = askedName(raw);
  return namedPapers(db, asked, { organization: asked }, (p) => [p.organization], page, perPage, pastEnd);
}

/** The organization page for a name papers carry, when an organization of that name (any case) has one. */
export async function organizationPageFor(db: Kysely<DB>, raw: string): Promise<Organization | undefined> {
  const asked = tidyName(raw);
  return asked ? findOrganizationByName(db, asked) : undefined;
}

/** Handles of the organizations with a page, by the lookup key of their name, for links from organization names. */
export async function organizationHandles(db: Kysely<DB>): Promise<Map<string, string>> {
  return new Map((await listOrganizations(db)).map((o) => [nameKey(o.name), o.handle]));
}

/**
 * One page of the organizations papers name, most often first (those whose name holds `contains`,
 * in any case, when given), with their paper counts and their page's handle when they have one,
 * and how many there are in all.
 */
export async function namedOrganizations(
  db: Kysely<DB>,
  page: { page: number; perPage: number; contains?: string },
): Promise<{ named: { name: string; papers: number; handle: string | undefined }[]; total: number; page: number; pages: number }> {
  const filter = page.contains ? { contains: page.contains } : {};
  const [named, total, handles] = await Promise.all([
    topOrganizationNames(db, page.perPage, { ...filter, offset: (page.page - 1) * page.perPage }),
    countOrganizationNames(db, filter),
    organizationHandles(db),
  ]);
  return { named: named.map((n) => ({ ...n, handle: handles.get(nameKey(n.name)) })), total, page: page.page, pages: Math.max(1, Math.ceil(total / page.perPage)) };
}
