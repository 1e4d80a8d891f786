// Digest periods: the hour in the subscriber's time zone (across DST changes), never before the
// feed day is complete, weekends off, weekly periods, nothing due before the hour, and catching up
// after a gap without a day twice; weekends off and weekly kept on the subscriber's own calendar
// in zones far from UTC, through daylight saving changes.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daySettledAt,
  type DeliverySchedule,
  type DigestPeriod,
  duePeriods,
  latestDuePeriod,
  localTime,
  naturalDelivery,
  nextDuePeriod,
  periodAfter,
  periodContaining,
  periodLabel,
  SETTLE_HOURS,
} from './digest-period.ts';

const daily = (over: Partial<DeliverySchedule> = {}): DeliverySchedule => ({ frequency: 'daily', hour: 8, timezone: 'UTC', weekends: true, ...over });
const iso = (d: Date) => d.toISOString();
const keys = (ps: { key: string }[]) => ps.map((p) => p.key);

describe('digest periods', () => {
  it('a daily digest covers one feed day and is due at the local hour of the next day', () => {
    expect(periodContaining(daily(), '2026-08-20')).toEqual({ key: '2026-08-20', from: '2026-08-20', to: '2026-08-20', deliverAt: new Date('2026-08-21T08:00:00Z') });
    // Paris is UTC+2 in summer, Tokyo UTC+9, New York UTC-4.
    expect(iso(periodContaining(daily({ timezone: 'Europe/Paris' }), '2026-08-20').deliverAt)).toBe('2026-08-21T06:00:00.000Z');
    expect(iso(periodContaining(daily({ timezone: 'America/New_York', hour: 0 }), '2026-08-20').deliverAt)).toBe('2026-08-21T04:00:00.000Z');
    // 07:00 in Tokyo on the 21st is 22:00 UTC on the 20th, before the feed day is over: the digest
    // comes at 07:00 on the 22nd (22:00 UTC on the 21st).
    expect(iso(periodContaining(daily({ timezone: 'Asia/Tokyo', hour: 7 }), '2026-08-20').deliverAt)).toBe('2026-08-21T22:00:00.000Z');
    // Midnight UTC is too early (papers still arrive): the next midnight.
    expect(iso(periodContaining(daily({ hour: 0 }), '2026-08-20').deliverAt)).toBe('2026-08-22T00:00:00.000Z');
  });

  it('queues a period due on the local day it covers (late hours behind UTC)', () => {
    // Los Angeles at 21:00 on the 19th is 04:00 UTC on the 20th: the 19th is complete (03:00 UTC).
    const la = daily({ timezone: 'America/Los_Angeles', hour: 21 });
    expect(iso(periodContaining(la, '2026-08-19').deliverAt)).toBe('2026-08-20T04:00:00.000Z');
    const now = new Date('2026-08-20T04:30:00Z');
    expect(latestDuePeriod(la, now).key).toBe('2026-08-19');
    expect(keys(duePeriods(la, now, { after: '2026-08-18' }))).toEqual(['2026-08-19']);
    expect(nextDuePeriod(la, now).key).toBe('2026-08-20');
    expect(keys(duePeriods(la, new Date('2026-08-20T03:59:00Z'), { after: '2026-08-18' }))).toEqual([]);
  });

  it('is due at the first occurrence of the hour once the feed day is complete, in every zone', () => {
    const settled = Date.parse('2026-08-21T00:00:00Z') + SETTLE_HOURS * 3_600_000;
    for (const timezone of ['UTC', 'Pacific/Auckland', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu']) {
      for (let hour = 0; hour < 24; hour++) {
        const at = periodContaining(daily({ timezone, hour }), '2026-08-20').deliverAt.getTime();
        expect(at, `${timezone} ${hour}:00`).toBeGreaterThanOrEqual(settled);
        expect(at, `${timezone} ${hour}:00`).toBeLessThan(settled + 86_400_000);
      }
    }
  });

  it('keeps the local hour across daylight saving changes', () => {
    const paris = daily({ timezone: 'Europe/Paris' });
    // Summer time ends in Paris on Sunday 2026-10-25 at 03:00: 08:00 is 06:00 UTC before, 07:00 after.
    expect(iso(periodContaining(paris, '2026-10-23').deliverAt)).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(periodContaining(paris, '2026-10-24').deliverAt)).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(periodContaining(paris, '2026-10-25').deliverAt)).toBe('2026-10-26T07:00:00.000Z');
    // It starts on Sunday 2026-03-29 at 02:00: 02:00 does not exist that day, the later reading (03:00)
    // is used (for the 27th, whose digest at 02:00 on the 28th would come before the day is complete).
    expect(iso(periodContaining(daily({ timezone: 'Europe/Paris', hour: 2 }), '2026-03-27').deliverAt)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(periodContaining(paris, '2026-03-29').deliverAt)).toBe('2026-03-30T06:00:00.000Z');
    // New York falls back on 2026-11-01.
    const ny = daily({ timezone: 'America/New_York', hour: 9 });
    expect(iso(periodContaining(ny, '2026-10-31').deliverAt)).toBe('2026-11-01T14:00:00.000Z');
    expect(iso(periodContaining(ny, '2026-10-30').deliverAt)).toBe('2026-10-31T13:00:00.000Z');
  });

  it('with weekends off, Friday to Sunday are one period due on Monday', () => {
    const s = daily({ weekends: false });
    for (const day of ['2026-08-21', '2026-08-22', '2026-08-23']) {
      expect(periodContaining(s, day)).toEqual({ key: '2026-08-21', from: '2026-08-21', to: '2026-08-23', deliverAt: new Date('2026-08-24T08:00:00Z') });
    }
    expect(periodContaining(s, '2026-08-20')).toMatchObject({ key: '2026-08-20', from: '2026-08-20', to: '2026-08-20', deliverAt: new Date('2026-08-21T08:00:00Z') });
    expect(periodContaining(s, '2026-08-24')).toMatchObject({ key: '2026-08-24', to: '2026-08-24' });
    // On Saturday nothing newer than Thursday is due.
    expect(latestDuePeriod(s, new Date('2026-08-22T12:00:00Z')).key).toBe('2026-08-20');
    expect(periodLabel(periodContaining(s, '2026-08-22'))).toBe('Aug 21 – Aug 23, 2026');
  });

  it('a weekly digest covers an ISO week and is due the next Monday', () => {
    const s = daily({ frequency: 'weekly', hour: 7, timezone: 'Europe/Paris' });
    expect(periodContaining(s, '2026-08-19')).toEqual({ key: '2026-W34', from: '2026-08-17', to: '2026-08-23', deliverAt: new Date('2026-08-24T05:00:00Z') });
    expect(periodContaining(s, '2026-08-23').key).toBe('2026-W34');
    // The last week of 2026 runs into 2027.
    expect(periodContaining(s, '2027-01-02')).toMatchObject({ key: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(periodLabel(periodContaining(s, '2026-08-19'))).toBe('Week 34 of 2026');
    expect(latestDuePeriod(s, new Date('2026-08-24T04:59:00Z')).key).toBe('2026-W33');
    expect(latestDuePeriod(s, new Date('2026-08-24T05:00:00Z')).key).toBe('2026-W34');
  });

  it('nothing is due before the hour', () => {
    const s = daily({ timezone: 'Europe/Paris' });
    expect(latestDuePeriod(s, new Date('2026-08-21T05:59:00Z')).key).toBe('2026-08-19');
    expect(latestDuePeriod(s, new Date('2026-08-21T06:00:00Z')).key).toBe('2026-08-20');
    expect(nextDuePeriod(s, new Date('2026-08-21T05:59:00Z'))).toMatchObject({ key: '2026-08-20' });
    expect(nextDuePeriod(s, new Date('2026-08-21T06:00:00Z'))).toMatchObject({ key: '2026-08-21' });
    expect(duePeriods(s, new Date('2026-08-21T05:59:00Z'), { after: '2026-08-19' })).toEqual([]);
  });

  it('queues every period due since the last one queued, oldest first, a week at most', () => {
    const now = new Date('2026-08-21T12:00:00Z');
    // Never queued: only the latest due period.
    expect(keys(duePeriods(daily(), now))).toEqual(['2026-08-20']);
    expect(keys(duePeriods(daily(), now, { after: '2026-08-20' }))).toEqual([]);
    // Down across three delivery times: all three, oldest first.
    expect(keys(duePeriods(daily(), now, { after: '2026-08-17' }))).toEqual(['2026-08-18', '2026-08-19', '2026-08-20']);
    // Down for a month: the last seven days.
    expect(keys(duePeriods(daily(), now, { after: '2026-07-01' }))).toEqual(['2026-08-14', '2026-08-15', '2026-08-16', '2026-08-17', '2026-08-18', '2026-08-19', '2026-08-20']);
    // Never a period due before the subscriber confirmed.
    expect(keys(duePeriods(daily(), now, { after: '2026-07-01', notBefore: new Date('2026-08-19T09:00:00Z') }))).toEqual(['2026-08-19', '2026-08-20']);
    expect(duePeriods(daily(), now, { notBefore: new Date('2026-08-21T09:00:00Z') })).toEqual([]);
    // Weekly: two weeks at most.
    const weekly = daily({ frequency: 'weekly' });
    expect(keys(duePeriods(weekly, new Date('2026-08-24T12:00:00Z'), { after: '2026-07-05' }))).toEqual(['2026-W33', '2026-W34']);
  });

  it('a schedule change never reuses a key already sent, nor sends a day twice or skips one', () => {
    // Friday was sent with weekends on; then weekends were turned off: Monday brings Saturday and Sunday.
    const off = daily({ weekends: false });
    const monday = new Date('2026-08-24T12:00:00Z');
    const [p, ...rest] = duePeriods(off, monday, { after: '2026-08-21' });
    expect(rest).toEqual([]);
    expect(p).toEqual({ key: '2026-08-22_2026-08-23', from: '2026-08-22', to: '2026-08-23', deliverAt: new Date('2026-08-24T08:00:00Z') });
    expect(periodLabel(p!)).toBe('Aug 22 – Aug 23, 2026');
    // Weekends turned on during a weekend that was to come on Monday: Friday and Saturday now.
    expect(keys(duePeriods(daily(), new Date('2026-08-23T12:00:00Z'), { after: '2026-08-20' }))).toEqual(['2026-08-21', '2026-08-22']);
    // Daily until Wednesday, then weekly: the week's digest holds Thursday to Sunday only.
    expect(duePeriods(daily({ frequency: 'weekly' }), monday, { after: '2026-08-19' })).toEqual([
      { key: '2026-08-20_2026-08-23', from: '2026-08-20', to: '2026-08-23', deliverAt: new Date('2026-08-24T08:00:00Z') },
    ]);
    expect(periodAfter(periodContaining(daily(), '2026-08-20'), '2026-08-20')).toBeUndefined();
  });

  /** Local weekday (Monday = 0) and hour of an instant. */
  const local = (at: Date, tz: string) => {
    const l = localTime(at, tz);
    return { date: l.date, dow: (new Date(`${l.date}T00:00:00Z`).getUTCDay() + 6) % 7, hour: l.hour, minute: l.minute };
  };
  const DOW = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const when = (p: DigestPeriod, tz: string) => {
    const l = local(p.deliverAt, tz);
    return `${DOW[l.dow]} ${l.date} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  };
  /** The periods holding the feed days `first` to `last`, checked to be a partition of them. */
  const partition = (s: DeliverySchedule, first: string, last: string): DigestPeriod[] => {
    const out: DigestPeriod[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) {
      const p = periodContaining(s, d);
      expect(p.from <= d && d <= p.to, `${d} in ${p.from}..${p.to}`).toBe(true);
      const prev = out[out.length - 1];
      if (prev && prev.key === p.key) {
        expect(p).toEqual(prev);
        continue;
      }
      // A new period starts right after the previous one, later and under another key.
      if (prev) {
        expect(p.from).toBe(addDays(prev.to, 1));
        expect(p.deliverAt.getTime()).toBeGreaterThan(prev.deliverAt.getTime());
      }
      out.push(p);
    }
    return out;
  };
  /** Checks what a schedule promises, for every period over the days `first` to `last`. */
  const checkPromises = (s: DeliverySchedule, first: string, last: string) => {
    const what = `${s.timezone} ${s.hour}:00 ${s.frequency}${s.weekends ? '' : ' weekends off'}`;
    for (const p of partition(s, first, last)) {
      const at = local(p.deliverAt, s.timezone);
      expect(at.hour, what).toBe(s.hour);
      expect(p.deliverAt.getTime(), what).toBeGreaterThanOrEqual(daySettledAt(p.to).getTime());
      for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
        const natural = local(naturalDelivery(s, d), s.timezone);
        const late = Math.round((Date.parse(at.date) - Date.parse(natural.date)) / 86_400_000);
        if (s.frequency === 'weekly') {
          // On Monday, with the days naturally delivered from the Tuesday before through it.
          expect(at.dow, what).toBe(0);
          expect(late, `${what} ${d}`).toBeGreaterThanOrEqual(0);
          expect(late, `${what} ${d}`).toBeLessThanOrEqual(6);
        } else if (!s.weekends && natural.dow >= 1 && natural.dow <= 4) {
          expect(p, `${what} ${d}`).toMatchObject({ from: d, to: d, deliverAt: naturalDelivery(s, d) });
        } else if (!s.weekends) {
          // Naturally due Saturday to Monday: on that Monday.
          expect(at.dow, `${what} ${d}`).toBe(0);
          expect(late, `${what} ${d}`).toBeLessThanOrEqual(2);
        }
      }
      if (!s.weekends) expect(at.dow, what).toBeLessThan(5);
    }
  };

  it('with weekends off, nothing comes on a local Saturday or Sunday, in every zone', () => {
    // Days from Thursday 2026-08-20: [zone, hour, first period with the Thursday, the one after].
    const cases: [string, number, string, string][] = [
      // Paris at 08:00 gets a day the next morning: Friday to Sunday on Monday, as always.
      ['Europe/Paris', 8, '2026-08-20..2026-08-20 Fri 2026-08-21 08:00', '2026-08-21..2026-08-23 Mon 2026-08-24 08:00'],
      ['America/Los_Angeles', 8, '2026-08-20..2026-08-20 Fri 2026-08-21 08:00', '2026-08-21..2026-08-23 Mon 2026-08-24 08:00'],
      // Los Angeles at 21:00 gets a day the same evening: Saturday to Monday on Monday.
      ['America/Los_Angeles', 21, '2026-08-20..2026-08-20 Thu 2026-08-20 21:00', '2026-08-21..2026-08-21 Fri 2026-08-21 21:00'],
      // Tokyo at 07:00 gets a day two mornings later: Thursday to Saturday on Monday, Sunday on Tuesday.
      ['Asia/Tokyo', 7, '2026-08-20..2026-08-22 Mon 2026-08-24 07:00', '2026-08-23..2026-08-23 Tue 2026-08-25 07:00'],
      ['Asia/Kolkata', 8, '2026-08-20..2026-08-22 Mon 2026-08-24 08:00', '2026-08-23..2026-08-23 Tue 2026-08-25 08:00'],
      // Kolkata at 09:00 is after the day settled (08:30): the next morning, as in Paris.
      ['Asia/Kolkata', 9, '2026-08-20..2026-08-20 Fri 2026-08-21 09:00', '2026-08-21..2026-08-23 Mon 2026-08-24 09:00'],
      ['Australia/Sydney', 7, '2026-08-20..2026-08-22 Mon 2026-08-24 07:00', '2026-08-23..2026-08-23 Tue 2026-08-25 07:00'],
      ['Pacific/Auckland', 8, '2026-08-20..2026-08-22 Mon 2026-08-24 08:00', '2026-08-23..2026-08-23 Tue 2026-08-25 08:00'],
    ];
    for (const [timezone, hour, first, second] of cases) {
      const s = daily({ timezone, hour, weekends: false });
      const a = periodContaining(s, '2026-08-20');
      const b = periodContaining(s, addDays(a.to, 1));
      expect([`${a.from}..${a.to} ${when(a, timezone)}`, `${b.from}..${b.to} ${when(b, timezone)}`], `${timezone} ${hour}:00`).toEqual([first, second]);
      expect(a.key).toBe(a.from);
    }
    const la = partition(daily({ timezone: 'America/Los_Angeles', hour: 21, weekends: false }), '2026-08-17', '2026-08-30');
    expect(la.map((p) => `${p.from}..${p.to} ${when(p, 'America/Los_Angeles')}`)).toContain('2026-08-22..2026-08-24 Mon 2026-08-24 21:00');
    for (const [timezone] of cases) for (const hour of [0, 5, 7, 8, 9, 12, 18, 21, 23]) checkPromises(daily({ timezone, hour, weekends: false }), '2026-08-10', '2026-09-06');
  });

  it('a weekly digest comes on a local Monday at the hour, in every zone', () => {
    const cases: [string, number, string, string][] = [
      ['Europe/Paris', 8, '2026-W34 2026-08-17..2026-08-23 Mon 2026-08-24 08:00', 'Week 34 of 2026'],
      ['America/Los_Angeles', 8, '2026-W34 2026-08-17..2026-08-23 Mon 2026-08-24 08:00', 'Week 34 of 2026'],
      ['America/Los_Angeles', 21, '2026-W34 2026-08-18..2026-08-24 Mon 2026-08-24 21:00', 'Aug 18 – Aug 24, 2026'],
      ['Asia/Tokyo', 7, '2026-W34 2026-08-16..2026-08-22 Mon 2026-08-24 07:00', 'Aug 16 – Aug 22, 2026'],
      ['Asia/Kolkata', 8, '2026-W34 2026-08-16..2026-08-22 Mon 2026-08-24 08:00', 'Aug 16 – Aug 22, 2026'],
      ['Australia/Sydney', 7, '2026-W34 2026-08-16..2026-08-22 Mon 2026-08-24 07:00', 'Aug 16 – Aug 22, 2026'],
      ['Pacific/Auckland', 8, '2026-W34 2026-08-16..2026-08-22 Mon 2026-08-24 08:00', 'Aug 16 – Aug 22, 2026'],
    ];
    for (const [timezone, hour, expected, label] of cases) {
      const s = daily({ frequency: 'weekly', timezone, hour });
      const p = periodContaining(s, '2026-08-20');
      expect(`${p.key} ${p.from}..${p.to} ${when(p, timezone)}`, `${timezone} ${hour}:00`).toBe(expected);
      expect(periodLabel(p)).toBe(label);
      // The key is the same for every day of the period, and the next period has the next week's.
      expect(periodContaining(s, p.from).key).toBe(p.key);
      expect(periodContaining(s, addDays(p.to, 1)).key).toBe('2026-W35');
      for (const h of [0, 5, 7, 8, 9, 12, 18, 21, 23]) checkPromises(daily({ frequency: 'weekly', timezone, hour: h }), '2026-08-03', '2026-09-27');
    }
  });

  it('keeps the promises across daylight saving changes', () => {
    // Paris and Los Angeles fall back in late October/early November; Sydney and Auckland spring
    // forward around the turn of September; all of them, through both of their changes in 2026.
    for (const timezone of ['Europe/Paris', 'America/Los_Angeles', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland']) {
      for (const hour of [0, 3, 7, 8, 9, 21]) {
        for (const [first, last] of [['2026-03-16', '2026-04-19'], ['2026-09-14', '2026-11-15']]) {
          checkPromises(daily({ timezone, hour, weekends: false }), first!, last!);
          checkPromises(daily({ frequency: 'weekly', timezone, hour }), first!, last!);
          checkPromises(daily({ timezone, hour }), first!, last!);
        }
      }
    }
    // Paris's week of the change (summer time ends Sunday 2026-10-25): Monday 08:00 is 07:00 UTC.
    const paris = periodContaining(daily({ frequency: 'weekly', timezone: 'Europe/Paris' }), '2026-10-21');
    expect(paris).toEqual({ key: '2026-W43', from: '2026-10-19', to: '2026-10-25', deliverAt: new Date('2026-10-26T07:00:00Z') });
    const parisOff = periodContaining(daily({ timezone: 'Europe/Paris', weekends: false }), '2026-10-24');
    expect(parisOff).toEqual({ key: '2026-10-23', from: '2026-10-23', to: '2026-10-25', deliverAt: new Date('2026-10-26T07:00:00Z') });
    // Sydney starts summer time on Sunday 2026-10-04 (UTC+10 to +11): still Thursday to Saturday at 07:00 Monday.
    const sydney = periodContaining(daily({ timezone: 'Australia/Sydney', hour: 7, weekends: false }), '2026-10-01');
    expect(`${sydney.from}..${sydney.to} ${when(sydney, 'Australia/Sydney')}`).toBe('2026-10-01..2026-10-03 Mon 2026-10-05 07:00');
    expect(sydney.deliverAt.toISOString()).toBe('2026-10-04T20:00:00.000Z');
  });

  it('catching up and the first digest work on shifted periods (Tokyo, weekends off)', () => {
    const s = daily({ timezone: 'Asia/Tokyo', hour: 7, weekends: false });
    // Saturday and Sunday in Tokyo: nothing newer than Wednesday's day (delivered Friday).
    expect(latestDuePeriod(s, new Date('2026-08-22T12:00:00Z')).key).toBe('2026-08-19');
    expect(nextDuePeriod(s, new Date('2026-08-22T12:00:00Z'))).toMatchObject({ key: '2026-08-20', to: '2026-08-22' });
    // Monday 07:00 in Tokyo (Sunday 22:00 UTC): Thursday to Saturday, after Wednesday was queued.
    expect(keys(duePeriods(s, new Date('2026-08-23T22:00:00Z'), { after: '2026-08-19' }))).toEqual(['2026-08-20']);
    // Down until Thursday 08:00 in Tokyo, with Tuesday's day the last queued: everything due since,
    // oldest first (Wednesday's on Friday, Thursday to Saturday on Monday, then one a day).
    expect(keys(duePeriods(s, new Date('2026-08-26T23:00:00Z'), { after: '2026-08-18' }))).toEqual(['2026-08-19', '2026-08-20', '2026-08-23', '2026-08-24', '2026-08-25']);
    // Confirmed on Sunday: the first digest is Monday's, not Friday's.
    expect(duePeriods(s, new Date('2026-08-23T12:00:00Z'), { notBefore: new Date('2026-08-23T10:00:00Z') })).toEqual([]);
    expect(keys(duePeriods(s, new Date('2026-08-23T22:05:00Z'), { notBefore: new Date('2026-08-23T10:00:00Z') }))).toEqual(['2026-08-20']);
  });

  it('the first digest is the first period due after confirming, the one nextDuePeriod announces', () => {
    for (const s of [daily(), daily({ timezone: 'Asia/Tokyo', hour: 7, weekends: false }), daily({ frequency: 'weekly', timezone: 'America/Los_Angeles', hour: 21 })]) {
      for (let h = 0; h < 24 * 9; h += 5) {
        const confirmed = new Date(Date.parse('2026-08-17T00:00:00Z') + h * 3_600_000);
        const next = nextDuePeriod(s, confirmed);
        // Nothing until it is due, then exactly it.
        expect(duePeriods(s, new Date(next.deliverAt.getTime() - 60_000), { notBefore: confirmed })).toEqual([]);
        expect(duePeriods(s, next.deliverAt, { notBefore: confirmed })).toEqual([next]);
        // Confirming exactly at a delivery time: that period is not sent, the next one is.
        expect(duePeriods(s, next.deliverAt, { notBefore: next.deliverAt })).toEqual([]);
      }
    }
  });
});

