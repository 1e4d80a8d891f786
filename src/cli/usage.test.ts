// Checks of command-line values: dates that have not begun, arXiv id lists in every form a
// submission takes, and options given empty. Each failure is a usage error (exit 2).
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { arxivIdList, intOption, nonEmpty, notFutureDate, notFuturePeriod } from './usage.ts';

const usageError = (f: () => unknown): AppError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBeLessThan(500);
    return err as AppError;
  }
  throw new Error('no error');
};

describe('command-line values', () => {
  const now = new Date('2026-08-21T23:30:00Z');

  it('accepts a day up to tomorrow (UTC) and refuses later ones and non-dates', () => {
    expect(notFutureDate('--date', '2026-08-21', now)).toBe('2026-08-21');
    expect(notFutureDate('--date', '2026-08-22', now)).toBe('2026-08-22');
    expect(usageError(() => notFutureDate('--since', '2026-08-23', now)).message).toBe('--since 2026-08-23 is in the future (today is 2026-08-21 UTC)');
    expect(usageError(() => notFutureDate('--date', '2099-01-01', now)).message).toMatch(/in the future/);
    expect(usageError(() => notFutureDate('--date', '2026-02-30', now)).message).toBe('"2026-02-30" is not a date like 2026-08-21');
    // A week or a month that has not begun says so, naming its first day.
    expect(() => notFuturePeriod('--week', '2026-W34', '2026-08-17', now)).not.toThrow();
    expect(usageError(() => notFuturePeriod('--week', '2026-W36', '2026-08-31', now)).message).toBe('--week 2026-W36 has not begun: it begins on 2026-08-31 (today is 2026-08-21 UTC)');
  });

  it('takes whole numbers within a range and refuses others, naming the range', () => {
    expect(intOption('--batch', '500', 1, 50_000)).toBe(500);
    expect(intOption('--batch', '1', 1, 50_000)).toBe(1);
    expect(usageError(() => intOption('--batch', 'abc', 1, 50_000)).message).toBe('--batch must be a whole number from 1 to 50,000; got "abc"');
    for (const bad of ['0', '-5', '1.5', '', '1e3', '50001', '0x10']) expect(usageError(() => intOption('--batch', bad, 1, 50_000)).message).toMatch(/^--batch must be a whole number/);
  });

  it('reads arXiv ids in the forms submissions take, and names the ones that are not ids', () => {
    expect(arxivIdList('--ids', 'arXiv:1605.08386v1, https://arxiv.org/abs/2104.12255v2 https://arxiv.org/pdf/2501.05441.pdf,hep-th/9901001,2104.12255')).toEqual([
      '1605.08386',
      '2104.12255',
      '2501.05441',
      'hep-th/9901001',
    ]);
    expect(usageError(() => arxivIdList('--ids', '2501.05441,foo,1234')).message).toMatch(/^not arXiv ids: "foo", "1234" \(give ids like/);
    expect(usageError(() => arxivIdList('--ids', '')).message).toBe('--ids needs at least one arXiv id, e.g. --ids 2501.05441,2501.05442');
    expect(usageError(() => arxivIdList('--ids', ' , ')).message).toMatch(/needs at least one arXiv id/);
  });

  it('refuses an option given empty or blank', () => {
    expect(nonEmpty('--query', 'cat:cs.LG')).toBe('cat:cs.LG');
    expect(usageError(() => nonEmpty('--query', '')).message).toBe('--query needs a value; it was empty');
    expect(usageError(() => nonEmpty('--query', '   ')).message).toMatch(/empty/);
  });
});
