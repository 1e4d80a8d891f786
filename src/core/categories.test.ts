// Category filters: a category matches itself, a bare archive name all of its categories.
import { describe, expect, it } from 'vitest';
import { filtersKeeping, inAnyCategory, inCategory } from './categories.ts';

describe('inCategory', () => {
  it('keeps a category, and every category of an archive named bare', () => {
    expect(inCategory('cs.LG', 'cs.LG')).toBe(true);
    expect(inCategory('cs.LG', 'cs.CL')).toBe(false);
    expect(inCategory('cs.LG', 'cs')).toBe(true);
    expect(inCategory('math.CO', 'cs')).toBe(false);
    // Not a prefix of the name: "cs" is not "csx.AI", and "math" is not "math-ph".
    expect(inCategory('csx.AI', 'cs')).toBe(false);
    expect(inCategory('math-ph', 'math')).toBe(false);
    // An archive without subcategories is a category of its own.
    expect(inCategory('hep-th', 'hep-th')).toBe(true);
    expect(inCategory('hep-ph', 'hep-th')).toBe(false);
    // A category never keeps its archive's other categories.
    expect(inCategory('cs', 'cs.LG')).toBe(false);
  });

  it('inAnyCategory looks at every category of a paper (cross-lists) and every filter', () => {
    expect(inAnyCategory(['math.CO', 'cs.DM'], ['cs'])).toBe(true);
    expect(inAnyCategory(['math.CO'], ['cs', 'stat.ML'])).toBe(false);
    expect(inAnyCategory(['stat.ML'], new Set(['cs', 'stat.ML']))).toBe(true);
  });

  it('filtersKeeping names exactly the filters inCategory keeps a category for', () => {
    expect(filtersKeeping('cs.LG')).toEqual(['cs.LG', 'cs']);
    expect(filtersKeeping('hep-th')).toEqual(['hep-th']);
    for (const c of ['cs.LG', 'hep-th', 'math.CO']) for (const f of filtersKeeping(c)) expect(inCategory(c, f), `${c} ${f}`).toBe(true);
  });
});
