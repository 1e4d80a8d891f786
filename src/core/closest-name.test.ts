// "Did you mean": a typo finds its name; an unrelated or exact name finds nothing.
import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.ts';

describe('closestName', () => {
  const names = ['DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL', 'PORT'];
  it('finds the name a typo was meant to be', () => {
    expect(closestName('DATABSE_URL', names)).toBe('DATABASE_URL');
    expect(closestName('SMTP_URI', names)).toBe('SMTP_URL');
    expect(closestName('public_url', names)).toBe('PUBLIC_URL');
  });
  it('finds nothing for a name that is exact or far from every known one', () => {
    expect(closestName('DATABASE_URL', names)).toBeUndefined();
    expect(closestName('HOME', names)).toBeUndefined();
    expect(closestName('POR', names)).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
