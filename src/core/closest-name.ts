/**
 * "Did you mean …?": the known name nearest a mistyped one, by edit distance ignoring case, when
 * it is near enough to be a typo (a few letters off, at most one in four of the name), or differs
 * from it only in case.
 */
import { distance } from 'fastest-levenshtein';

/** The known name closest to `name`, or undefined when `name` is known or none is close. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(wanted, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const allowed = Math.min(3, Math.floor(wanted.length / 4));
  return best !== undefined && best !== name && bestDistance <= allowed ? best : undefined;
}
