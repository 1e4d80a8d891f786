/**
 * Feed windows: the day, ISO week or month a feed shows, with parsing of their URL forms
 * (2025-01-10, 2025-W02, 2025-01), their inclusive date range, neighbours and labels.
 * All dates are calendar dates in UTC, as the daily feed is.
 */
import { badRequest } from './errors.ts';

export type WindowKind = 'day' | 'week' | 'month';

export interface FeedWindow {
  kind: WindowKind;
  /** The key as it appears in URLs: 2025-01-10, 2025-W02 or 2025-01. */
  key: string;
  /** First and last date of the window, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** YYYY-MM-DD of a timestamp in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** True when the text is a real calendar date in YYYY-MM-DD form. */
export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = dateMs(text);
  return !Number.isNaN(ms) && isoDate(ms) === text;
}

/** The window of a kind that contains a date. */
export function windowContaining(kind: WindowKind, date: string): FeedWindow {
  const ms = dateMs(date);
  if (kind === 'day') return { kind, key: date, from: date, to: date };
  if (kind === 'month') {
    const d = new Date(ms);
    const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
    return { kind, key: date.slice(0, 7), from: isoDate(first), to: isoDate(last) };
  }
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  const monday = ms - dow * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { kind, key: `${year}-W${String(week).padStart(2, '0')}`, from: isoDate(monday), to: isoDate(monday + 6 * DAY_MS) };
}

/** Parses a window key of the given kind; throws a 400 AppError for anything malformed. */
export function parseWindow(kind: WindowKind, key: string): FeedWindow {
  if (kind === 'day') {
    if (!isValidDate(key)) throw badRequest('invalid_date', `"${key}" is not a date like 2025-01-31`);
    return windowContaining('day', key);
  }
  if (kind === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(key);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw badRequest('invalid_month', `"${key}" is not a month like 2025-01`);
    return windowContaining('month', `${key}-01`);
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  if (!m || week < 1 || week > 53) throw badRequest('invalid_week', `"${key}" is not an ISO week like 2025-W02`);
  // ISO week 1 is the week holding January 4th.
  const jan4 = Date.UTC(year, 0, 4);
  const w1 = windowContaining('week', isoDate(jan4));
  const w = windowContaining('week', isoDate(dateMs(w1.from) + (week - 1) * 7 * DAY_MS));
  if (w.key !== key) throw badRequest('invalid_week', `${year} has no week ${week}`);
  return w;
}

/** The window just before (-1) or after (+1) this one. */
export function shiftWindow(w: FeedWindow, step: -1 | 1): FeedWindow {
  if (w.kind === 'month') {
    const d = new Date(dateMs(w.from));
    return windowContaining('month', isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1)));
  }
  const days = w.kind === 'week' ? 7 : 1;
  return windowContaining(w.kind, isoDate(dateMs(w.from) + step * days * DAY_MS));
}

/** A human label: "Jan 10, 2025", "Week 2 of 2025 (Jan 6 – Jan 12)" or "January 2025". */
export function windowLabel(w: FeedWindow): string {
  const short = (date: string): string => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
  if (w.kind === 'day') return `${short(w.from)}, ${w.from.slice(0, 4)}`;
  if (w.kind === 'month') {
    return new Date(dateMs(w.from)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return `Week ${Number(w.key.slice(6))} of ${w.key.slice(0, 4)} (${short(w.from)} – ${short(w.to)})`;
}
