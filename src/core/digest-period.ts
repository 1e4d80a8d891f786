/**
 * Digest periods: which feed days a subscriber's next digest covers and when it is due, in the
 * subscriber's time zone. Every feed day belongs to exactly one period of a schedule.
 *
 * Feed days are UTC dates, and papers keep joining a day until it ends (plus the time the
 * scheduled ingestion takes to fetch its last ones): a day counts as complete SETTLE_HOURS after
 * its UTC end, and its natural delivery time (naturalDelivery) is the first occurrence of the
 * subscriber's hour after that. For zones ahead of UTC at early hours (Tokyo at 07:00, say) that
 * is the second morning after the day began, never earlier, so no paper of the day is missed.
 *
 * The schedule's promises are about the subscriber's own calendar, so periods are built from the
 * local weekday of each day's natural delivery, not from the feed day's weekday:
 * - daily: one feed day, due at its natural delivery time;
 * - weekends off: no digest on a local Saturday or Sunday. The days whose natural delivery falls
 *   on a local Saturday, Sunday or Monday make one period, due that Monday at the hour (Paris at
 *   08:00: Friday to Sunday; Tokyo at 07:00: Thursday to Saturday, and Sunday's day comes alone on
 *   Tuesday). Its key is its first feed day, as for a single day;
 * - weekly: due on a local Monday at the hour, holding the days whose natural delivery falls from
 *   the Tuesday before through that Monday (Paris: the ISO week Monday to Sunday; Tokyo at 07:00:
 *   Sunday to Saturday). Its key is the ISO week of the Sunday before the delivery Monday: the ISO
 *   week of its days where they are one (Paris, London, New York at 08:00), and otherwise the week
 *   that holds most of them. It depends only on the delivery Monday, so it is stable; periodLabel
 *   says "Week 34 of 2026" only when the days are that very week, else their range.
 * Natural deliveries fall on successive local dates, one a day, except that a daylight saving
 * change can put two on one date or skip one; grouping by date keeps the periods a partition.
 *
 * What to queue at a moment (duePeriods): every period due since the last feed day already
 * queued for the subscriber, oldest first, so a sender that was down across several delivery
 * times skips none (bounded: a week of daily digests, two weekly ones). When the schedule changed
 * (daily to weekly, weekends on to off, another hour or zone), a due period may overlap days
 * already queued: it is cut to the days after them and gets a key of its own, so no day is sent
 * twice or lost under a key already used. A subscriber's first digest is the first period due
 * after the subscription was confirmed (notBefore), the one the preferences page announces.
 */
import { isoDate, windowContaining } from './feed-window.ts';

export interface DeliverySchedule {
  frequency: 'daily' | 'weekly';
  /** Local hour, 0-23. */
  hour: number;
  /** IANA time zone, e.g. Europe/Paris. */
  timezone: string;
  weekends: boolean;
}

export interface DigestPeriod {
  /** Stable key: the first feed day (daily) or an ISO week (weekly, see the module comment). */
  key: string;
  /** Feed days covered, inclusive. */
  from: string;
  to: string;
  /** When it is due. */
  deliverAt: Date;
}

const DAY_MS = 86_400_000;

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** Day of week of a calendar date, Monday = 0. */
function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The time zone a form sent (the browser's), when it is one; undefined for anything else. */
export function timeZoneOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && isValidTimeZone(value) ? value : undefined;
}

/** True for a time zone name this runtime knows, short enough to store (64 characters). */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and hour of an instant in a time zone. */
export function localTime(at: Date, tz: string): { date: string; hour: number; minute: number } {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The instant a local date and hour happen in a time zone (the later reading in a DST gap). */
export function zonedInstant(date: string, hour: number, tz: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  let guess = wall;
  // Two rounds settle the offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const l = localTime(new Date(guess), tz);
    const seen = Date.parse(`${l.date}T00:00:00Z`) + l.hour * 3_600_000 + l.minute * 60_000;
    guess += wall - seen;
  }
  return new Date(guess);
}

/** Hours after a feed day's UTC end by which its papers are all in (the Hugging Face job runs every two hours). */
export const SETTLE_HOURS = 3;

/** When feed day `day` is complete: SETTLE_HOURS after its UTC end. */
export function daySettledAt(day: string): Date {
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) + SETTLE_HOURS * 3_600_000);
}

/** A feed day's natural delivery time: the subscriber's first hour after the day settles. */
export function naturalDelivery(s: DeliverySchedule, day: string): Date {
  const settled = daySettledAt(day).getTime();
  const localDate = localTime(new Date(settled), s.timezone).date;
  const same = zonedInstant(localDate, s.hour, s.timezone);
  return same.getTime() >= settled ? same : zonedInstant(addDays(localDate, 1), s.hour, s.timezone);
}

/** The local date of a feed day's natural delivery. */
function deliveryDate(s: DeliverySchedule, day: string): string {
  return localTime(naturalDelivery(s, day), s.timezone).date;
}

/** Whole days from date `a` to date `b`. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * The first feed day whose natural delivery is on local date `date` or later, searched from
 * `guess` (a nearby day: deliveries move one local date a day, so a step or two settles it).
 */
function firstDayDeliveredFrom(s: DeliverySchedule, date: string, guess: string): string {
  let d = guess;
  while (deliveryDate(s, d) < date) d = addDays(d, 1);
  while (deliveryDate(s, addDays(d, -1)) >= date) d = addDays(d, -1);
  return d;
}

/** The feed days whose natural delivery falls on local dates `first` to `last`, around `day`. */
function daysDelivered(s: DeliverySchedule, day: string, at: string, first: string, last: string): { from: string; to: string } {
  const from = firstDayDeliveredFrom(s, first, addDays(day, daysBetween(at, first)));
  const to = addDays(firstDayDeliveredFrom(s, addDays(last, 1), addDays(day, daysBetween(at, last) + 1)), -1);
  return { from, to };
}

/** The period of a schedule that holds a feed day. */
export function periodContaining(s: DeliverySchedule, day: string): DigestPeriod {
  const natural = naturalDelivery(s, day);
  const at = localTime(natural, s.timezone).date;
  const dow = weekday(at);
  if (s.frequency === 'daily' && (s.weekends || (dow >= 1 && dow <= 4))) return { key: day, from: day, to: day, deliverAt: natural };
  // Weekly, or weekends off and delivered Saturday to Monday: due the Monday on or after `at`.
  const monday = addDays(at, (7 - dow) % 7);
  const deliverAt = zonedInstant(monday, s.hour, s.timezone);
  if (s.frequency === 'weekly') {
    const { from, to } = daysDelivered(s, day, at, addDays(monday, -6), monday);
    return { key: windowContaining('week', addDays(monday, -1)).key, from, to, deliverAt };
  }
  const { from, to } = daysDelivered(s, day, at, addDays(monday, -2), monday);
  return { key: from, from, to, deliverAt };
}

/** The latest period already due at `now` (the one a run at `now` should have sent). */
export function latestDuePeriod(s: DeliverySchedule, now: Date): DigestPeriod {
  // Behind UTC at a late hour, the period of the local "today" itself can be due already (Los
  // Angeles at 21:00 is 04:00 UTC the next day, past the day's settling): start there, walk back.
  const today = localTime(now, s.timezone).date;
  let p = periodContaining(s, today);
  while (p.deliverAt.getTime() > now.getTime()) p = periodContaining(s, addDays(p.from, -1));
  return p;
}

/** Most periods queued at once after a gap in sending: a week of daily digests, two weekly ones. */
export const CATCH_UP: Record<DeliverySchedule['frequency'], number> = { daily: 7, weekly: 2 };

/**
 * A period without the feed days up to `after` (the last one already queued): unchanged when it
 * starts later, undefined when nothing is left, otherwise cut and keyed by its range.
 */
export function periodAfter(p: DigestPeriod, after: string | undefined): DigestPeriod | undefined {
  if (!after || p.from > after) return p;
  if (p.to <= after) return undefined;
  const from = addDays(after, 1);
  return { ...p, key: `${from}_${p.to}`, from };
}

/**
 * The periods to queue at `now`, oldest first: those due and not yet queued. `after` is the last
 * feed day already queued for the subscriber (none yet: only the latest due period);
 * `notBefore` skips periods due at or before it (the moment the subscriber confirmed: the first
 * digest is the first period due after that, never one from before).
 */
export function duePeriods(s: DeliverySchedule, now: Date, opts: { after?: string | undefined; notBefore?: Date | undefined } = {}): DigestPeriod[] {
  const out: DigestPeriod[] = [];
  const max = opts.after ? CATCH_UP[s.frequency] : 1;
  for (let p = latestDuePeriod(s, now); out.length < max; p = periodContaining(s, addDays(p.from, -1))) {
    if (opts.notBefore && p.deliverAt.getTime() <= opts.notBefore.getTime()) break;
    const left = periodAfter(p, opts.after);
    if (!left) break;
    out.push(left);
    if (left !== p) break;
  }
  return out.reverse();
}

/** The next period due after `now`. */
export function nextDuePeriod(s: DeliverySchedule, now: Date): DigestPeriod {
  let p = latestDuePeriod(s, now);
  while (p.deliverAt.getTime() <= now.getTime()) p = periodContaining(s, addDays(p.to, 1));
  return p;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A human label for a period: "Aug 20, 2026", "Aug 21 – Aug 23, 2026" or "Week 34 of 2026" (a whole ISO week). */
export function periodLabel(p: Pick<DigestPeriod, 'key' | 'from' | 'to'>): string {
  const short = (d: string): string => `${MONTHS[Number(d.slice(5, 7)) - 1]} ${Number(d.slice(8, 10))}`;
  if (/^\d{4}-W\d{2}$/.test(p.key)) {
    const w = windowContaining('week', p.from);
    if (w.key === p.key && w.from === p.from && w.to === p.to) return `Week ${Number(p.key.slice(6))} of ${p.key.slice(0, 4)}`;
  }
  if (p.from === p.to) return `${short(p.from)}, ${p.from.slice(0, 4)}`;
  return `${short(p.from)} – ${short(p.to)}, ${p.to.slice(0, 4)}`;
}
