/**
 * arXiv's subject taxonomy (https://arxiv.org/category_taxonomy): every archive and its
 * categories. arXiv offers no API for it, so it is written out here; it checks the categories an
 * admin names (`--categories`, INGEST_CATEGORIES), since a mistyped one would otherwise harvest
 * everything and keep nothing, silently. An archive without subcategories (hep-th) is a category.
 */
import { closestName } from './closest-name.ts';

/** Each archive with the codes of its categories (the part after the dot); none for an archive that is itself a category. */
const ARCHIVES: Readonly<Record<string, readonly string[]>> = {
  'astro-ph': ['CO', 'EP', 'GA', 'HE', 'IM', 'SR'],
  'cond-mat': ['dis-nn', 'mes-hall', 'mtrl-sci', 'other', 'quant-gas', 'soft', 'stat-mech', 'str-el', 'supr-con'],
  cs: [
    'AI', 'AR', 'CC', 'CE', 'CG', 'CL', 'CR', 'CV', 'CY', 'DB', 'DC', 'DL', 'DM', 'DS', 'ET', 'FL', 'GL', 'GR', 'GT', 'HC',
    'IR', 'IT', 'LG', 'LO', 'MA', 'MM', 'MS', 'NA', 'NE', 'NI', 'OH', 'OS', 'PF', 'PL', 'RO', 'SC', 'SD', 'SE', 'SI', 'SY',
  ],
  econ: ['EM', 'GN', 'TH'],
  eess: ['AS', 'IV', 'SP', 'SY'],
  'gr-qc': [],
  'hep-ex': [],
  'hep-lat': [],
  'hep-ph': [],
  'hep-th': [],
  math: [
    'AC', 'AG', 'AP', 'AT', 'CA', 'CO', 'CT', 'CV', 'DG', 'DS', 'FA', 'GM', 'GN', 'GR', 'GT', 'HO', 'IT', 'KT', 'LO', 'MG',
    'MP', 'NA', 'NT', 'OA', 'OC', 'PR', 'QA', 'RA', 'RT', 'SG', 'SP', 'ST',
  ],
  'math-ph': [],
  nlin: ['AO', 'CD', 'CG', 'PS', 'SI'],
  'nucl-ex': [],
  'nucl-th': [],
  physics: [
    'acc-ph', 'ao-ph', 'app-ph', 'atm-clus', 'atom-ph', 'bio-ph', 'chem-ph', 'class-ph', 'comp-ph', 'data-an', 'ed-ph',
    'flu-dyn', 'gen-ph', 'geo-ph', 'hist-ph', 'ins-det', 'med-ph', 'optics', 'plasm-ph', 'pop-ph', 'soc-ph', 'space-ph',
  ],
  'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
  'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
  'quant-ph': [],
  stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
};

/**
 * Archives arXiv has since folded into others (chao-dyn into nlin.CD, cmp-lg into cs.CL ...):
 * nothing new is filed under them, but papers of the 1990s still carry them, so a filter may name them.
 */
const RETIRED_ARCHIVES: readonly string[] = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph', 'cmp-lg',
  'comp-gas', 'dg-ga', 'funct-an', 'mtrl-th', 'patt-sol', 'plasm-ph', 'q-alg', 'solv-int', 'supr-con',
];

/** Every name a category filter may take: each category ("cs.LG", "hep-th"), each archive ("cs"), retired ones too. */
export const ARXIV_FILTERS: ReadonlySet<string> = new Set([
  ...Object.entries(ARCHIVES).flatMap(([archive, codes]) => [archive, ...codes.map((c) => `${archive}.${c}`)]),
  ...RETIRED_ARCHIVES,
]);

/** True when arXiv has this category or archive (case matters: "cs.LG", not "cs.lg"). */
export function isArxivCategory(name: string): boolean {
  return ARXIV_FILTERS.has(name);
}

const BY_LOWER_CASE: ReadonlyMap<string, string> = new Map([...ARXIV_FILTERS].map((n) => [n.toLowerCase(), n]));

/** The category or archive as arXiv writes it ("cs.lg" gives "cs.LG"), or undefined when arXiv has none of that name in any case. */
export function canonicalArxivCategory(name: string): string | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}

/** Why one category filter is refused: the name, with the closest known one where there is one. */
export function unknownCategoryMessage(name: string): string {
  const meant = closestName(name, ARXIV_FILTERS);
  return `"${name}" is not an arXiv category${meant ? `; did you mean ${meant}?` : ' (see https://arxiv.org/category_taxonomy)'}`;
}

/**
 * Why a list of category filters is refused, or undefined when arXiv knows every one: each unknown
 * name, with the closest known one where there is one ("unknown arXiv category hep-thx (did you mean hep-th?)").
 */
export function unknownCategoriesMessage(names: readonly string[]): string | undefined {
  const unknown = [...new Set(names.filter((n) => !ARXIV_FILTERS.has(n)))];
  if (unknown.length === 0) return undefined;
  const each = unknown.map((n) => {
    const meant = closestName(n, ARXIV_FILTERS);
    return meant ? `${n} (did you mean ${meant}?)` : n;
  });
  return `unknown arXiv ${unknown.length === 1 ? 'category' : 'categories'} ${each.join(', ')}; see https://arxiv.org/category_taxonomy`;
}
