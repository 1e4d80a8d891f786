// nDCG@k for graded relevance: gain 2^grade - 1, log2 discount, ideal ranking built from every judged paper.

/** Gain of one result with the given relevance grade (0 = not relevant). */
export function gain(grade: number): number {
  return 2 ** grade - 1;
}

/** Discounted cumulative gain of the first k grades, in rank order (rank 1 has discount log2(2) = 1). */
export function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += gain(grades[i] ?? 0) / Math.log2(i + 2);
  return sum;
}

/**
 * nDCG@k of a ranking (keys in rank order) against graded judgments (key -> grade; unjudged keys
 * count as grade 0). The ideal DCG uses all judged grades, best first. Duplicate keys in the ranking
 * only earn their gain once. Returns 0 when nothing is judged relevant.
 */
export function ndcgAtK(ranked: readonly string[], judgments: ReadonlyMap<string, number>, k = 10): number {
  const ideal = dcg(
    [...judgments.values()].filter((g) => g > 0).sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  const seen = new Set<string>();
  const grades = ranked.slice(0, k).map((key) => {
    if (seen.has(key)) return 0;
    seen.add(key);
    return judgments.get(key) ?? 0;
  });
  return dcg(grades, k) / ideal;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
