/**
 * Record formats Paperboy imports, validated with zod and mapped to PaperInput:
 * our JSONL (also the arXiv corpus and the bundled sample) and Hugging Face's /api/daily_papers
 * items (`{paper:{id,title,summary,authors[].name,...}, numComments, organization, ...}`).
 */
import { z } from 'zod';
import { canonicalArxivCategory } from '../core/arxiv-taxonomy.ts';
import { isValidDate } from '../core/feed-window.ts';
import { latexTextToUnicode } from '../core/latex-text.ts';
import { normalizeArxivId, type PaperInput, slugFromTitle } from '../core/paper.ts';
import { squash } from './arxiv/record.ts';
import { parsePythonDict } from './python-literal.ts';

// A required field that is absent is "missing", not zod's "expected string, received undefined".
const text = z.string({ error: (issue) => (issue.input === undefined ? 'missing' : undefined) }).trim();
const dateLike = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date like 2025-01-31')
  .transform((s) => s.slice(0, 10))
  .refine(isValidDate, 'not a calendar date (expected a date like 2025-01-31)');
const count = z.coerce.number().int().min(0).max(1e9);
const url = z.string().trim().url().refine((u) => /^https?:/i.test(u), 'expected an http(s) URL');
/** An optional field: absent, null or empty all mean "unknown". */
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === null || v === '' ? undefined : v), s.optional());

/** Our own JSONL record (the bundled sample and the arXiv corpus use it too). */
export const jsonlRecord = z.object({
  id: opt(text),
  arxivId: opt(text),
  // On one line: feeds wrap long titles ("...for 4-Bit Diffusion\n  Models").
  title: text.min(1, 'title is empty').max(2000).transform(squash),
  abstract: opt(text.max(100_000)),
  authors: opt(z.array(z.union([text, z.object({ name: text })]))),
  authorsCount: opt(count),
  organization: opt(text.max(300)),
  published: opt(dateLike),
  feedDate: opt(dateLike),
  upvotes: opt(count),
  comments: opt(count),
  categories: opt(z.array(text)),
  githubRepo: opt(url),
  projectPage: opt(url),
});

const hfOrg = z.object({ name: opt(text), fullname: opt(text) }).passthrough();

/**
 * A Hugging Face user as the answers name one: `user` (in `submittedOnDailyBy`) or `name` (in the
 * item's `submittedBy`) is the username, `fullname` the display name. A malformed one is dropped,
 * never the paper with it.
 */
const hfUser = z
  .object({ fullname: opt(text), name: opt(text), user: opt(text) })
  .passthrough()
  .optional()
  .catch(undefined);

/** A Hugging Face username as the site allows them (letters, digits, `-`, `_`, `.`); anything else is not linked to. */
const HF_USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * What Hugging Face adds to a paper beyond its record (repository, stars, project page, summary,
 * keywords): a malformed one is dropped, never the paper with it, as for the submitter.
 */
const extra = <T extends z.ZodTypeAny>(s: T) => opt(s).catch(undefined);

/** One item of Hugging Face's /api/daily_papers answer. */
export const hfDailyItem = z.object({
  paper: z
    .object({
      id: text.min(1),
      title: text.min(1, 'title is empty').transform(squash),
      summary: opt(text),
      authors: opt(z.array(z.object({ name: text }).passthrough())),
      publishedAt: opt(dateLike),
      submittedOnDailyAt: opt(dateLike),
      upvotes: opt(count),
      githubRepo: extra(url),
      projectPage: extra(url),
      organization: opt(hfOrg),
      githubStars: extra(count),
      ai_summary: extra(text.max(5000)),
      ai_keywords: extra(z.array(text.max(200)).max(100)),
      submittedOnDailyBy: hfUser,
    })
    .passthrough(),
  numComments: opt(count),
  /** Older answers name the submitter only here (the same person as `paper.submittedOnDailyBy`). */
  submittedBy: hfUser,
  publishedAt: opt(dateLike),
  organization: opt(hfOrg),
  submittedOnDailyAt: opt(dateLike),
});

/**
 * Splits an organization as the sample shows it ("nvidia NVIDIA", "mit-han-lab MIT HAN Lab")
 * into its display name. The first word is taken as a handle only when it spells the same as the
 * start of the rest; "Tongji University" stays whole.
 */
export function organizationName(raw: string): string {
  const space = raw.indexOf(' ');
  if (space < 0) return raw;
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const handle = norm(raw.slice(0, space));
  const rest = raw.slice(space + 1).trim();
  const name = norm(rest);
  return handle && name && (name.startsWith(handle) || handle.startsWith(name)) ? rest : raw;
}

function idFor(rawId: string | undefined, arxivHint: string | undefined, title: string): { id: string; arxivId: string | null } {
  const arxivId = normalizeArxivId(arxivHint ?? '') ?? normalizeArxivId(rawId ?? '') ?? null;
  if (arxivId) return { id: arxivId, arxivId };
  const own = rawId && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(rawId) ? rawId : undefined;
  return { id: own ?? slugFromTitle(title), arxivId: null };
}

/**
 * A file's categories as arXiv writes them ("cs.lg" is cs.LG), once each, without the names arXiv
 * has none of: a category filter matches arXiv's spelling, and a name it does not have would only
 * lead a reader to a refused filter.
 */
function arxivCategories(names: string[]): string[] {
  return [...new Set(names.map((n) => canonicalArxivCategory(n.trim())).filter((n): n is string => n !== undefined))];
}

/** Maps a validated JSONL record to a PaperInput. */
export function fromJsonl(r: z.output<typeof jsonlRecord>): PaperInput {
  const authors = (r.authors ?? []).map((a) => latexTextToUnicode(typeof a === 'string' ? a : a.name)).filter(Boolean);
  return {
    ...idFor(r.id, r.arxivId, r.title),
    title: latexTextToUnicode(r.title),
    abstract: latexTextToUnicode(r.abstract ?? ''),
    authors,
    authorsCount: Math.max(authors.length, r.authorsCount ?? 0),
    organization: r.organization ? organizationName(r.organization) : null,
    publishedOn: r.published ?? null,
    feedDate: r.feedDate ?? r.published ?? null,
    // An explicit feed date says which day's feed the paper belongs to; `published` is only a guess.
    ...(r.feedDate ? { dailyFeedDate: true } : {}),
    ...(r.upvotes !== undefined ? { upvotes: r.upvotes } : {}),
    ...(r.comments !== undefined ? { comments: r.comments } : {}),
    categories: arxivCategories(r.categories ?? []),
    githubRepo: r.githubRepo ?? null,
    projectPage: r.projectPage ?? null,
  };
}

/**
 * Maps a validated Hugging Face daily item to a PaperInput. Its feed date is the day of the daily
 * feed that listed it: submittedOnDailyAt when the item has it, else `day`, the day whose feed was
 * asked for (older answers lack the field; publishedAt is the arXiv date, often days earlier).
 * Only with neither is publishedAt a stand-in, and then a derived date.
 */
export function fromHfDaily(item: z.output<typeof hfDailyItem>, day?: string): PaperInput {
  const p = item.paper;
  const authors = (p.authors ?? []).map((a) => latexTextToUnicode(a.name)).filter(Boolean);
  const org = item.organization ?? p.organization;
  const published = p.publishedAt ?? item.publishedAt ?? null;
  const listed = p.submittedOnDailyAt ?? item.submittedOnDailyAt ?? day;
  const by = p.submittedOnDailyBy ?? item.submittedBy;
  const username = by?.user ?? by?.name;
  const submitter = by?.fullname ?? username;
  const hfUsername = username && HF_USERNAME.test(username) ? username : undefined;
  return {
    ...idFor(p.id, undefined, p.title),
    title: latexTextToUnicode(p.title),
    abstract: latexTextToUnicode(p.summary ?? ''),
    authors,
    authorsCount: authors.length,
    organization: org?.fullname ?? org?.name ?? null,
    publishedOn: published,
    feedDate: listed ?? published,
    ...(listed ? { dailyFeedDate: true } : {}),
    ...(p.upvotes !== undefined ? { upvotes: p.upvotes } : {}),
    ...(item.numComments !== undefined ? { comments: item.numComments } : {}),
    categories: [],
    githubRepo: p.githubRepo ?? null,
    projectPage: p.projectPage ?? null,
    ...(p.githubStars !== undefined ? { githubStars: p.githubStars } : {}),
    ...(p.ai_summary ? { aiSummary: p.ai_summary } : {}),
    ...(p.ai_keywords ? { aiKeywords: p.ai_keywords } : {}),
    ...(submitter ? { submittedBy: submitter } : {}),
    ...(submitter && hfUsername ? { submittedByHfUser: hfUsername } : {}),
  };
}

/**
 * Validates one parsed JSON value in either format (or a string holding a Python dict literal of
 * one, see python-literal.ts); returns the paper or the reason it was rejected. `day` is the day whose Hugging Face feed the value came from, when known.
 */
export function parseRecord(value: unknown, opts: { day?: string } = {}): { ok: true; paper: PaperInput } | { ok: false; reason: string } {
  // Some dumps of Hugging Face's answers hold a record as the string Python printed of it.
  if (typeof value === 'string') value = parsePythonDict(value) ?? value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `expected an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` };
  }
  const isHf = 'paper' in value;
  const parsed = isHf ? hfDailyItem.safeParse(value) : jsonlRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, reason: `${where}${issue?.message ?? 'invalid record'}` };
  }
  return { ok: true, paper: isHf ? fromHfDaily(parsed.data as z.output<typeof hfDailyItem>, opts.day) : fromJsonl(parsed.data as z.output<typeof jsonlRecord>) };
}
