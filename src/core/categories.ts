/**
 * arXiv category filters. A filter is a category ("cs.LG", "hep-th") or a bare archive name ("cs",
 * "math"), which is also how OAI sets are named: an archive keeps every category of the form
 * "cs.XX". An archive without subcategories ("hep-th") is itself a category and matches only itself.
 */

/** True when a category is kept by a filter: the category itself, or one of the archive's ("cs" keeps "cs.LG"). */
export function inCategory(category: string, filter: string): boolean {
  return category === filter || (!filter.includes('.') && category.startsWith(`${filter}.`));
}

/** The filters that keep a category: itself, and its archive's bare name when it has one ("cs.LG": cs.LG and cs). */
export function filtersKeeping(category: string): string[] {
  const dot = category.indexOf('.');
  return dot > 0 ? [category, category.slice(0, dot)] : [category];
}

/** True when any of a paper's categories is kept by any of the filters. */
export function inAnyCategory(categories: readonly string[], filters: Iterable<string>): boolean {
  const list = [...filters];
  return categories.some((c) => list.some((f) => inCategory(c, f)));
}
