// Whole numbers in addresses: decimal digits only.
import { describe, expect, it } from 'vitest';
import { wholeNumber } from './whole-number.ts';

describe('wholeNumber', () => {
  it('reads decimal digits, and a value not given or empty as the default', () => {
    expect(wholeNumber('0', 5)).toBe(0);
    expect(wholeNumber('42', 5)).toBe(42);
    expect(wholeNumber('007', 5)).toBe(7);
    expect(wholeNumber(undefined, 5)).toBe(5);
    expect(wholeNumber('', 5)).toBe(5);
  });

  it('refuses every other way of writing a number', () => {
    for (const raw of ['1e1', '+5', '-1', '0x10', ' 7', '7 ', '1.0', 'abc', '9'.repeat(16)]) expect(wholeNumber(raw, 5), raw).toBeNaN();
  });
});
