/**
 * Which Hugging Face days a scheduled run reads. Every run reads from the last day the schedule
 * stored (at least yesterday, whose list still grows) up to today, so days missed while the server
 * was down are caught up, as far as HF_CATCH_UP_DAYS back. The first run of each UTC day also
 * re-reads the past week, so that the vote and comment counts of weekly views stay current.
 */
import { isoDate } from '../../core/feed-window.ts';

/** Most days back a scheduled run reaches after a pause. */
export const HF_CATCH_UP_DAYS = 14;
/** Days (today included) re-read by the first scheduled run of a UTC day. */
export const HF_REFRESH_DAYS = 7;

/** Where the schedule stands, kept in the Hugging Face checkpoint. */
export interface HfSchedule {
  /** The latest day a scheduled run stored (YYYY-MM-DD). */
  reached: string;
  /** The UTC day whose first run re-read the past week, if any. */
  refreshed: string | null;
}

const DAY_MS = 86_400_000;

/** A day shifted by some days. */
const shift = (day: string, days: number): string => isoDate(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);

/** The days a scheduled run reads on `today`, oldest first, and whether it is the day's refresh of the past week. */
export function scheduledDays(schedule: HfSchedule | undefined, today: string): { days: string[]; refresh: boolean } {
  const refresh = schedule?.refreshed !== today;
  let from = shift(today, -1);
  if (schedule && schedule.reached < from) from = schedule.reached;
  if (refresh && shift(today, 1 - HF_REFRESH_DAYS) < from) from = shift(today, 1 - HF_REFRESH_DAYS);
  if (from < shift(today, -HF_CATCH_UP_DAYS)) from = shift(today, -HF_CATCH_UP_DAYS);
  const days: string[] = [];
  for (let d = from; d <= today; d = shift(d, 1)) days.push(d);
  return { days, refresh };
}
