/**
 * The paper model: what Paperboy knows about one paper, plus the rules that derive its identity
 * (arXiv id without version, or a stable slug of the title) and its links.
 */

/** A paper as the store holds it and every front door shows it. */
export interface Paper {
  id: string;
  arxivId: string | null;
  title: string;
  abstract: string;
  /** Author names in order; may be empty when a source only knows how many there are. */
  authors: string[];
  authorsCount: number;
  organization: string | null;
  /** Date of first publication (YYYY-MM-DD), when known. */
  publishedOn: string | null;
  /** Date the paper entered the daily feed (YYYY-MM-DD). */
  feedDate: string | null;
  /**
   * True when feedDate is a day a daily feed listed the paper (Hugging Face's daily papers, a
   * submission here); false when it was derived (an arXiv announcement or v1 date, a file's date).
   */
  dailyFeedDate: boolean;
  /** Everyone's upvotes: those a source reported plus those cast here. */
  upvotes: number;
  /** Comments: those a source reported plus the visible discussion here. */
  comments: number;
  /** The share of upvotes and comments that sources reported (a re-import replaces only these). */
  sourceUpvotes: number;
  sourceComments: number;
  categories: string[];
  githubRepo: string | null;
  projectPage: string | null;
  /** Time-decayed popularity, see core/trending.ts. */
  trending: number;
  /** Latest arXiv version known (replacements raise it). */
  version: number | null;
  /** Withdrawn by its authors on arXiv. */
  withdrawn: boolean;
  /** Who put it in the daily feed, as the source names them (a Hugging Face user's full name, an account's name here). */
  submittedBy: string | null;
  /** That submitter's Hugging Face username, when the submitter came from Hugging Face (a link to huggingface.co/USERNAME). */
  submittedByHfUser: string | null;
  /** True when an account here submitted it: that submitter stays whatever a source says. */
  submittedHere?: boolean;
  githubStars: number | null;
  /** One-sentence summary and keywords, when a source provides them. */
  aiSummary: string | null;
  aiKeywords: string[];
  /** The organization page it is assigned to (/orgs/:handle), when it is. Set by admins, never by imports. */
  orgHandle?: string;
  /** The name of that organization, read with the paper; shown instead of `organization` when assigned. */
  orgName?: string;
}

/**
 * The organization name a paper shows: the name of the organization it is assigned to, else the
 * free text its source gives (else, assigned to an organization read without its name, its handle).
 */
export function orgLabel(p: Pick<Paper, 'organization' | 'orgHandle' | 'orgName'>): string | null {
  if (p.orgHandle) return p.orgName ?? p.organization ?? `@${p.orgHandle}`;
  return p.organization;
}

/** Fields only some sources know; absent means "keep what is stored". */
type OptionalInputs = 'comments' | 'upvotes' | 'version' | 'withdrawn' | 'submittedBy' | 'submittedByHfUser' | 'githubStars' | 'aiSummary' | 'aiKeywords' | 'dailyFeedDate';

/** What an importer hands to the store: a paper without derived fields. */
export type PaperInput = Omit<Paper, 'trending' | 'sourceUpvotes' | 'sourceComments' | 'submittedHere' | OptionalInputs> & Partial<Pick<Paper, OptionalInputs>>;

const ARXIV_NEW = /^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$/i;
const ARXIV_OLD = /^(?:arxiv:)?([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i;

/** The arXiv id without version (e.g. "2501.05441"), or undefined when the text is not one (an abs or pdf link, with or without its scheme, is one). */
export function normalizeArxivId(text: string): string | undefined {
  const t = text.trim().replace(/^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i, '').replace(/\.pdf$/i, '');
  const m = ARXIV_NEW.exec(t) ?? ARXIV_OLD.exec(t);
  return m?.[1];
}

/**
 * A stable, URL-safe id from a title, for papers with no arXiv id: lower-case ASCII words joined
 * by dashes, cut at a word boundary, plus a short hash of the full title so that two papers whose
 * titles share a prefix never collide.
 */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\$[^$]*\$/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug.length + w.length + 1 > 60) break;
    slug = slug ? `${slug}-${w}` : w;
  }
  return `${slug || 'paper'}-${fnv1a(normalizeTitle(title)).slice(0, 6)}`;
}

/** Title reduced to lower-case letters and digits, for matching the same paper across sources. */
export function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * An author's or organization's name as feeds and organization pages look it up: composed,
 * lower-cased with full Unicode rules and single-spaced. Computed here, not by the database, so
 * SQLite (whose lower() knows only ASCII) and PostgreSQL agree on "Łukasz Kaiser".
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0');
}

/** Links shown on a paper page, derived from what is known. */
export function paperLinks(p: Pick<Paper, 'arxivId' | 'githubRepo' | 'projectPage'>): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (p.arxivId) {
    links.push({ label: 'arXiv', url: `https://arxiv.org/abs/${p.arxivId}` });
    links.push({ label: 'PDF', url: `https://arxiv.org/pdf/${p.arxivId}` });
  }
  if (p.githubRepo && isHttpUrl(p.githubRepo)) links.push({ label: 'Code', url: p.githubRepo });
  if (p.projectPage && isHttpUrl(p.projectPage)) links.push({ label: 'Project page', url: p.projectPage });
  return links;
}

/** A Hugging Face user's page (the username encoded, so no username can leave the path). */
export function hfUserUrl(username: string): string {
  return `https://huggingface.co/${encodeURIComponent(username)}`;
}

/** True for absolute http(s) URLs: the only kind of link Paperboy will render. */
export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(text);
}

/**
 * The incoming text, unless it is missing or is the stored text wrapped differently (the same
 * words, other spaces and line breaks): two sources of one paper that differ only so (the sample
 * wraps abstracts at 80 columns, Hugging Face does not) then never undo each other on a re-import.
 */
function newText(stored: string, incoming: string): string {
  if (!incoming || incoming === stored) return stored || incoming;
  const words = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return words(incoming) !== words(stored) ? incoming : stored;
}

/**
 * The paper that results from importing `incoming` over `existing`: values the incoming record
 * knows replace the old ones, values it lacks (empty lists, nulls) keep what was known. A source's
 * upvote and comment counts replace only the source's share: votes and comments cast here stay.
 *
 * Precedence rules, because sources disagree:
 * - Feed date: a daily-feed day (Hugging Face's daily papers, a submission) replaces any feed date
 *   derived from arXiv (announcement or v1 date); a derived date only fills a missing one. The
 *   curated daily feed decides which day a paper belongs to.
 * - Title, abstract and authors: an older arXiv version never replaces a newer one, and a record
 *   without a version (Hugging Face, a file) never replaces text from a versioned arXiv record;
 *   text that differs from the stored one only in its spaces and line breaks keeps the stored one.
 * - Withdrawal sticks: only a newer arXiv version than the stored one can clear it.
 */
export function mergePaper(existing: Paper | undefined, incoming: PaperInput, trending: (p: Paper) => number): Paper {
  const base: Paper = existing ?? {
    ...incoming,
    dailyFeedDate: false,
    upvotes: 0,
    comments: 0,
    sourceUpvotes: 0,
    sourceComments: 0,
    trending: 0,
    version: null,
    withdrawn: false,
    submittedBy: null,
    submittedByHfUser: null,
    githubStars: null,
    aiSummary: null,
    aiKeywords: [],
  };
  // An older version of the paper (a late HF copy of a replaced arXiv record) must not undo a replacement.
  const stale = incoming.version != null && base.version != null && incoming.version < base.version;
  const newer = incoming.version != null && base.version != null && incoming.version > base.version;
  // Text from a versioned arXiv record is kept against older versions and unversioned sources.
  const keepText = stale || (base.version != null && incoming.version == null);
  const daily = incoming.dailyFeedDate === true && !!incoming.feedDate;
  // Sources' counts only rise: answers replayed out of order (a paper listed on two days, an
  // older file imported again) never take votes back, so importing anything twice changes nothing.
  const sourceUpvotes = incoming.upvotes === undefined ? base.sourceUpvotes : Math.max(base.sourceUpvotes, incoming.upvotes);
  const sourceComments = incoming.comments === undefined ? base.sourceComments : Math.max(base.sourceComments, incoming.comments);
  const merged: Paper = {
    id: base.id,
    arxivId: incoming.arxivId ?? base.arxivId,
    title: keepText ? base.title || incoming.title : newText(base.title, incoming.title),
    abstract: keepText ? base.abstract || incoming.abstract : newText(base.abstract, incoming.abstract),
    authors: incoming.authors.length > 0 && !(keepText && base.authors.length > 0) ? incoming.authors : base.authors,
    authorsCount: keepText && base.authors.length > 0 ? base.authorsCount : Math.max(incoming.authors.length, incoming.authorsCount || base.authorsCount),
    organization: incoming.organization ?? base.organization,
    publishedOn: base.publishedOn ?? incoming.publishedOn,
    feedDate: daily ? earliestDay(base, incoming.feedDate!) : (base.feedDate ?? incoming.feedDate),
    dailyFeedDate: daily || (base.feedDate ? base.dailyFeedDate : false),
    upvotes: base.upvotes - base.sourceUpvotes + sourceUpvotes,
    comments: base.comments - base.sourceComments + sourceComments,
    sourceUpvotes,
    sourceComments,
    categories: incoming.categories.length > 0 ? mergeLists(base.categories, incoming.categories) : base.categories,
    githubRepo: incoming.githubRepo ?? base.githubRepo,
    projectPage: incoming.projectPage ?? base.projectPage,
    trending: 0,
    version: stale ? base.version : (incoming.version ?? base.version),
    withdrawn: stale || incoming.withdrawn === undefined ? base.withdrawn : incoming.withdrawn || (base.withdrawn && !newer),
    ...submitter(existing, base, incoming),
    githubStars: stars(base, incoming),
    aiSummary: incoming.aiSummary ?? base.aiSummary,
    aiKeywords: incoming.aiKeywords && incoming.aiKeywords.length > 0 ? incoming.aiKeywords : base.aiKeywords,
    ...(existing?.orgHandle ? { orgHandle: existing.orgHandle } : {}),
    ...(existing?.submittedHere ? { submittedHere: true } : {}),
  };
  merged.trending = trending(merged);
  return merged;
}

/**
 * Who submitted the paper, as a name and, from Hugging Face, a username. An account here that
 * submitted it stays. Otherwise the first submitter known stays, except that a Hugging Face record
 * naming a username replaces a submitter stored without one (a name imported before usernames
 * were kept: re-importing its day fills the username in) and refreshes the full name of the same
 * username.
 */
function submitter(existing: Paper | undefined, base: Paper, incoming: PaperInput): Pick<Paper, 'submittedBy' | 'submittedByHfUser'> {
  const kept = { submittedBy: base.submittedBy, submittedByHfUser: base.submittedByHfUser };
  if (existing?.submittedHere) return kept;
  const user = incoming.submittedByHfUser ?? null;
  if (!base.submittedBy || (user && (!base.submittedByHfUser || base.submittedByHfUser === user))) {
    return incoming.submittedBy ? { submittedBy: incoming.submittedBy, submittedByHfUser: user } : kept;
  }
  return kept;
}

/**
 * Stars of the paper's repository only rise, as the sources' votes do: an older answer imported
 * again does not take them back. A record naming another repository brings that one's count.
 */
function stars(base: Paper, incoming: PaperInput): number | null {
  if (incoming.githubStars == null) return base.githubStars;
  const sameRepo = !incoming.githubRepo || !base.githubRepo || incoming.githubRepo === base.githubRepo;
  return sameRepo && base.githubStars != null ? Math.max(base.githubStars, incoming.githubStars) : incoming.githubStars;
}

/** A paper listed by the daily feed on several days entered it on the first of them. */
function earliestDay(base: Paper, day: string): string {
  return base.dailyFeedDate && base.feedDate && base.feedDate < day ? base.feedDate : day;
}

function mergeLists(first: string[], second: string[]): string[] {
  return [...new Set([...first, ...second])];
}

/** True when the searchable text of two versions of a paper differs. */
export function textChanged(a: Paper, b: Paper): boolean {
  return a.title !== b.title || a.abstract !== b.abstract || a.authors.join('\n') !== b.authors.join('\n');
}
