/**
 * A subscriber's preferences, reached by a signed link: how often (daily or weekly), at which
 * local hour and time zone, weekends on or off, how many papers per section, whether trending
 * papers close the digest, and what to follow (topics, authors, organizations, categories).
 */
import type { Kysely } from 'kysely';
import { type Follow, type FollowKind, validateFollow } from '../core/digest.ts';
import { addDays, type DigestPeriod, isValidTimeZone, nextDuePeriod, periodAfter, periodContaining } from '../core/digest-period.ts';
import { badRequest } from '../core/errors.ts';
import { lastQueuedDays, type OutboxRow, recentDigests } from '../db/outbox.ts';
import type { DB } from '../db/schema.ts';
import { listFollows, replaceFollows, type Subscriber, type SubscriberPrefs, updateSubscriber } from '../db/subscribers.ts';
import { scheduleOf } from './digest-compose.ts';

/** Most items a subscriber may follow, all kinds together. */
export const MAX_FOLLOWS = 50;
export const MAX_PAPERS = 50;

/** The form fields that list followed items, one per line. */
export const FOLLOW_FIELDS: Record<FollowKind, string> = { topic: 'topics', author: 'authors', organization: 'organizations', category: 'categories' };

/** Validates a submitted preferences form; throws a 400 with a message for the person. */
export function parsePreferences(form: Record<string, unknown>): { prefs: SubscriberPrefs; follows: Follow[] } {
  const str = (k: string): string => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const frequency = str('frequency') || 'daily';
  if (frequency !== 'daily' && frequency !== 'weekly') throw badRequest('invalid_frequency', 'Choose daily or weekly.');
  const hour = Number(str('hour') || '8');
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw badRequest('invalid_hour', 'The hour must be between 0 and 23.');
  const timezone = str('timezone').trim() || 'UTC';
  if (!isValidTimeZone(timezone)) throw badRequest('invalid_timezone', `"${timezone.slice(0, 64)}" is not a time zone like Europe/Paris.`);
  const maxPapers = Number(str('max_papers') || '10');
  if (!Number.isInteger(maxPapers) || maxPapers < 1 || maxPapers > MAX_PAPERS) throw badRequest('invalid_max', `Papers per section must be between 1 and ${MAX_PAPERS}.`);
  const follows: Follow[] = [];
  for (const [kind, field] of Object.entries(FOLLOW_FIELDS) as [FollowKind, string][]) {
    for (const line of str(field).split(/\r?\n/)) {
      if (!line.trim()) continue;
      const v = validateFollow(kind, line);
      if ('error' in v) throw badRequest('invalid_follow', v.error);
      follows.push({ kind, value: v.value });
    }
  }
  if (follows.length > MAX_FOLLOWS) throw badRequest('too_many_follows', `Follow at most ${MAX_FOLLOWS} items.`);
  const weekends = str('weekends') === 'on' || str('weekends') === '1' ? 1 : 0;
  const trending = str('trending') === 'on' || str('trending') === '1' ? 1 : 0;
  return { prefs: { frequency, hour, timezone, weekends, max_papers: maxPapers, trending }, follows };
}

/** Saves preferences and follows in one transaction. */
export async function savePreferences(db: Kysely<DB>, id: string, input: { prefs: SubscriberPrefs; follows: Follow[] }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateSubscriber(trx, id, input.prefs);
    await replaceFollows(trx, id, input.follows);
  });
}

export interface PreferencesState {
  subscriber: Subscriber;
  follows: Follow[];
  /** The next digest's period and due time, while subscribed: the days of it not queued yet, as the sender will queue them. */
  next?: DigestPeriod;
  recent: OutboxRow[];
}

/** What the preferences page shows. */
export async function preferencesState(db: Kysely<DB>, subscriber: Subscriber, now: Date): Promise<PreferencesState> {
  const [follows, recent, queued] = await Promise.all([listFollows(db, subscriber.id), recentDigests(db, subscriber.id), lastQueuedDays(db, [subscriber.id])]);
  const next = subscriber.status === 'active' ? nextToQueue(subscriber, now, queued.get(subscriber.id)) : undefined;
  return { subscriber, follows, recent, ...(next ? { next } : {}) };
}

/**
 * The next period due after `now` less the days up to `after` (the last feed day queued): after a
 * change of schedule its days already sent are left out, and a period that `digest send --date`
 * sent before its hour gives way to the one after it (see core/digest-period.ts duePeriods).
 */
function nextToQueue(subscriber: Subscriber, now: Date, after: string | undefined): DigestPeriod {
  const schedule = scheduleOf(subscriber);
  // Each step starts a day later, and `after` is a past day: this ends within a few steps.
  for (let p = nextDuePeriod(schedule, now); ; p = periodContaining(schedule, addDays(p.to, 1))) {
    const left = periodAfter(p, after);
    if (left) return left;
  }
}
