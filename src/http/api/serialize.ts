/**
 * The JSON shapes of the API, close to Hugging Face's: a feed item is `{paper:{...}, title,
 * summary, numComments, publishedAt, submittedOnDailyAt, organization}`.
 */
import { orgLabel, type Paper, paperLinks } from '../../core/paper.ts';

const iso = (date: string | null): string | null => (date ? `${date}T00:00:00.000Z` : null);

/** A paper's organization: the one it is assigned to (handle and name), else its source's name as both. */
function apiOrganization(p: Paper): { name: string; fullname: string } | null {
  const fullname = orgLabel(p);
  return fullname ? { name: p.orgHandle ?? fullname, fullname } : null;
}

/**
 * Who submitted the paper, as Hugging Face's `submittedOnDailyBy`: `fullname`, and for a submitter
 * from Hugging Face the username as `user` and `name` (HF's answers carry both).
 */
function submitter(p: Paper): { fullname: string; user?: string; name?: string } | null {
  if (!p.submittedBy) return null;
  const user = p.submittedHere ? null : p.submittedByHfUser;
  return user ? { fullname: p.submittedBy, user, name: user } : { fullname: p.submittedBy };
}

/** A paper as the API shows it. */
export function toApiPaper(p: Paper) {
  return {
    id: p.id,
    arxivId: p.arxivId,
    title: p.title,
    summary: p.abstract,
    authors: p.authors.map((name) => ({ name })),
    authorsCount: p.authorsCount,
    publishedAt: iso(p.publishedOn),
    submittedOnDailyAt: iso(p.feedDate),
    upvotes: p.upvotes,
    numComments: p.comments,
    organization: apiOrganization(p),
    categories: p.categories,
    githubRepo: p.githubRepo,
    githubStars: p.githubStars,
    projectPage: p.projectPage,
    ai_summary: p.aiSummary,
    ai_keywords: p.aiKeywords,
    submittedOnDailyBy: submitter(p),
    version: p.version,
    withdrawn: p.withdrawn,
    trending: p.trending,
    links: paperLinks(p),
  };
}

/** A feed item: the paper plus the top-level fields Hugging Face's daily_papers repeats. */
export function toApiItem(p: Paper) {
  const paper = toApiPaper(p);
  return {
    paper,
    title: paper.title,
    summary: paper.summary,
    publishedAt: paper.publishedAt,
    submittedOnDailyAt: paper.submittedOnDailyAt,
    numComments: paper.numComments,
    organization: paper.organization,
  };
}
