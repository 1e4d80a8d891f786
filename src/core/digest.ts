/**
 * What a digest holds, decided without any I/O: one section per followed item (topic, author,
 * organization, arXiv category) with the period's new papers that match it, then the period's
 * trending papers. Each paper appears once, in the first section (in follow order) it matches; a
 * section left with no paper is dropped. A digest with no paper at all is empty and is never sent.
 */
import { canonicalArxivCategory, unknownCategoryMessage } from './arxiv-taxonomy.ts';
import type { Paper } from './paper.ts';

export type FollowKind = 'topic' | 'author' | 'organization' | 'category';

export interface Follow {
  kind: FollowKind;
  value: string;
}

export interface DigestSection {
  kind: FollowKind | 'trending';
  /** The followed value; empty for trending. */
  value: string;
  papers: Paper[];
}

export interface Digest {
  sections: DigestSection[];
  /** Distinct papers in the digest. */
  paperCount: number;
}

/** The period's papers and, per followed item, the ids of its new matching papers (best first). */
export interface PeriodMatches {
  /** The period's papers, best first (trending for a day, upvotes for longer: actions/digest-period-index.ts). */
  papers: Paper[];
  /** Looks up the matching paper ids of a followed item; undefined when none. */
  matches(follow: Follow): readonly string[] | undefined;
  byId: ReadonlyMap<string, Paper>;
}

const FOLLOW_NOUN: Record<FollowKind, string> = { topic: 'the topic', author: 'the author', organization: 'the organization', category: 'the category' };

/** What a follow is, in words: the topic “speculative decoding”. */
export function followLabel(f: Follow): string {
  return `${FOLLOW_NOUN[f.kind]} “${f.value}”`;
}

/** Key of a followed item in lookup tables: kind plus a case-folded value. */
export function followKey(f: Follow): string {
  return `${f.kind}\u0000${f.value.trim().toLowerCase()}`;
}

/** Whether `list` already has `f`, in whatever case (see followKey). */
export function isFollowed(list: readonly Follow[], f: Follow): boolean {
  const key = followKey(f);
  return list.some((x) => followKey(x) === key);
}

/** Selects a subscriber's digest: `max` papers per section at most. */
export function selectDigest(period: PeriodMatches, follows: readonly Follow[], opts: { max: number; trending: boolean }): Digest {
  const sections: DigestSection[] = [];
  const shown = new Set<string>();
  // The same item followed twice in another case ("Song Han", "song han"), as stores written
  // before isFollowed kept it, matches the same papers: one section.
  const seen = new Set<string>();
  for (const f of follows) {
    if (seen.has(followKey(f))) continue;
    seen.add(followKey(f));
    const ids = period.matches(f);
    if (!ids || ids.length === 0) continue;
    const papers: Paper[] = [];
    for (const id of ids) {
      // A paper shows once, in the first section it matches: a later follow gets its next one.
      if (shown.has(id)) continue;
      const p = period.byId.get(id);
      if (!p) continue;
      papers.push(p);
      shown.add(id);
      if (papers.length >= opts.max) break;
    }
    if (papers.length > 0) sections.push({ kind: f.kind, value: f.value, papers });
  }
  if (opts.trending) {
    const trending: Paper[] = [];
    for (const p of period.papers) {
      if (trending.length >= opts.max) break;
      if (shown.has(p.id)) continue;
      trending.push(p);
    }
    for (const p of trending) shown.add(p.id);
    if (trending.length > 0) sections.push({ kind: 'trending', value: '', papers: trending });
  }
  return { sections, paperCount: shown.size };
}

/** Checks and tidies a followed value; returns an error message for unusable input. */
export function validateFollow(kind: FollowKind, raw: string): { value: string } | { error: string } {
  const value = raw.replace(/\s+/g, ' ').trim();
  if (!value) return { error: 'empty' };
  if (value.length > 200) return { error: `"${value.slice(0, 40)}…" is longer than 200 characters` };
  if (kind === 'category') {
    if (!/^[a-zA-Z-]+(\.[a-zA-Z-]+)?$/.test(value)) return { error: `"${value}" is not an arXiv category like cs.LG` };
    // As category filters do: any case, and one arXiv does not have is refused (its section would never come).
    const known = canonicalArxivCategory(value);
    return known ? { value: known } : { error: unknownCategoryMessage(value) };
  }
  return { value };
}
