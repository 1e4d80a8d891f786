// Digest periods: the hour in the subscriber's time zone (across DST changes), never before the
// feed day is complete, weekends off, weekly periods, nothing due before the hour, and catching up
// after a gap without a day twice.
import { describe, expect, it } from 'vitest';
import { type DeliverySchedule, duePeriods, latestDuePeriod, nextDuePeriod, periodAfter, periodContaining, periodLabel, SETTLE_HOURS } from './digest-period.ts';

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
});
