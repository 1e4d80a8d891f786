// arXiv's taxonomy as the category checks see it: every category and archive, and the refusals of others.
import { describe, expect, it } from 'vitest';
import { ARXIV_FILTERS, isArxivCategory, unknownCategoriesMessage } from './arxiv-taxonomy.ts';

describe('arXiv taxonomy', () => {
  it("holds arXiv's 155 categories, the 18 retired archives old papers carry, and the 11 archives that have several", () => {
    const archives = [...ARXIV_FILTERS].filter((f) => [...ARXIV_FILTERS].some((g) => g.startsWith(`${f}.`)));
    expect(archives.sort()).toEqual(['astro-ph', 'cond-mat', 'cs', 'econ', 'eess', 'math', 'nlin', 'physics', 'q-bio', 'q-fin', 'stat']);
    expect(ARXIV_FILTERS.size - archives.length).toBe(155 + 18);
    for (const c of ['cs.LG', 'hep-th', 'gr-qc', 'quant-ph', 'math-ph', 'nucl-ex', 'cond-mat.str-el', 'physics.optics', 'q-bio.NC', 'q-fin.TR', 'econ.EM', 'eess.IV', 'astro-ph.HE', 'nlin.SI', 'stat.ML', 'math.ST']) {
      expect(isArxivCategory(c), c).toBe(true);
    }
    // Papers of the 1990s in the arXiv corpus carry these; a filter on one of them is not refused.
    for (const c of ['chao-dyn', 'solv-int', 'funct-an', 'cmp-lg', 'alg-geom', 'q-alg']) expect(isArxivCategory(c), c).toBe(true);
  });

  it('refuses unknown names and lowercase codes, suggesting the closest one when it is near', () => {
    expect(unknownCategoriesMessage(['cs.LG', 'hep-th', 'cs', 'physics'])).toBeUndefined();
    expect(unknownCategoriesMessage(['hep-thx'])).toBe('unknown arXiv category hep-thx (did you mean hep-th?); see https://arxiv.org/category_taxonomy');
    expect(unknownCategoriesMessage(['cs.FOO', 'cs.LG'])).toBe('unknown arXiv category cs.FOO; see https://arxiv.org/category_taxonomy');
    expect(unknownCategoriesMessage(['cs.lg', 'hep'])).toBe('unknown arXiv categories cs.lg (did you mean cs.LG?), hep; see https://arxiv.org/category_taxonomy');
  });
});
