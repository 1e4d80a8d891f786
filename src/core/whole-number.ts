/**
 * A whole number as an address's parameter writes it: decimal digits only. Number() alone would
 * also take "1e1", "+5", "0x10", " 7" or "1.0", which no page links to and an API client means
 * by mistake.
 */

/** The number `raw` writes in decimal digits, or NaN for anything else. */
export function wholeNumber(raw: string): number {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
}
