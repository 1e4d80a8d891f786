/** Checks of command-line values shared by commands: each failure is a usage error (exit 2). */
import { badRequest } from '../core/errors.ts';
import { isoDate, isValidDate } from '../core/feed-window.ts';
import { normalizeArxivId } from '../core/paper.ts';

/** The value of a date option, refused unless it is a calendar date like 2026-08-21. */
export function dateOption(value: string): string {
  if (!isValidDate(value)) throw badRequest('invalid_date', `"${value}" is not a date like 2026-08-21`);
  return value;
}

/**
 * A date option that names a day to read, refused after tomorrow (UTC): a day that has not begun
 * anywhere has no papers, and reading it would record a clean run that read nothing. A day of
 * slack, because a feed day may begin before UTC does.
 */
export function notFutureDate(option: string, value: string, now = new Date()): string {
  dateOption(value);
  if (notBegun(value, now)) throw badRequest('future_date', `${option} ${value} is in the future (today is ${isoDate(now.getTime())} UTC)`);
  return value;
}

/** A week or month option (`--week 2026-W34`) whose first day `from` is refused as notFutureDate refuses a day. */
export function notFuturePeriod(option: string, key: string, from: string, now = new Date()): void {
  if (notBegun(from, now)) throw badRequest('future_date', `${option} ${key} has not begun: it begins on ${from} (today is ${isoDate(now.getTime())} UTC)`);
}

// A day after tomorrow (UTC), see notFutureDate.
function notBegun(day: string, now: Date): boolean {
  return day > isoDate(now.getTime() + 86_400_000);
}

/**
 * arXiv ids from a comma- or space-separated list, in any form a submission takes (2501.05441,
 * arXiv:2501.05441v2, hep-th/9901001, arxiv.org abs and pdf links), without versions and repeats.
 * An empty list, or any entry that is not an id, is refused with the entries named.
 */
export function arxivIdList(option: string, list: string): string[] {
  const entries = list.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) throw badRequest('usage', `${option} needs at least one arXiv id, e.g. ${option} 2501.05441,2501.05442`);
  const bad = entries.filter((e) => !normalizeArxivId(e));
  if (bad.length > 0) {
    throw badRequest('invalid_arxiv_id', `not arXiv ids: ${bad.map((b) => `"${b.slice(0, 80)}"`).join(', ')} (give ids like 2501.05441, arXiv:2501.05441v2, hep-th/9901001 or arxiv.org/abs/ links)`);
  }
  return [...new Set(entries.map((e) => normalizeArxivId(e) as string))];
}

/** A text option that must say something: empty or blank is a usage error, not "no filter". */
export function nonEmpty(option: string, value: string): string {
  if (!value.trim()) throw badRequest('usage', `${option} needs a value; it was empty`);
  return value;
}

/** A whole-number option within [min, max]; anything else (`abc`, `0`, `1.5`, empty) is refused, naming the range. */
export function intOption(option: string, value: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest('usage', `${option} must be a whole number from ${min} to ${max.toLocaleString('en-US')}; got "${value.slice(0, 40)}"`);
  }
  return n;
}
