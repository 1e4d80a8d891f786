/**
 * A moment written for people where their time zone is not known (mails, the command line, the
 * staff's pages): "2026-08-21 07:05 UTC", or with seconds, "2026-08-21 07:05:09 UTC".
 */

/** `at` (a Date or an ISO timestamp) as "YYYY-MM-DD HH:MM UTC" (with ":SS" when `seconds`). */
export function utcTime(at: Date | string, opts: { seconds?: boolean } = {}): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  // A stored text that is not a timestamp is shown as it is, cut to the same length.
  const iso = Number.isNaN(ms) ? String(at) : new Date(ms).toISOString();
  return `${iso.slice(0, opts.seconds ? 19 : 16).replace('T', ' ')} UTC`;
}
