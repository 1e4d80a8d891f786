/**
 * A whole number as an address's parameter writes it: decimal digits only. Number() alone would
 * also take "1e1", "+5", "0x10", " 7" or "1.0", which no page links to and an API client means
 * by mistake.
 */

/**
 * The number `raw` writes in decimal digits; `absent` when it is not given or empty (a form's blank
 * field); NaN for anything else.
 */
export function wholeNumber(raw: string | undefined, absent: number): number {
  if (raw === undefined || raw === '') return absent;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
}
