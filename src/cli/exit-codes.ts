/**
 * The exit codes every command uses, in the words of the README's table ("Exit codes, for
 * scripts and cron"), and the line `--help` shows for them. One list: a test holds it to the README.
 */

/** Each exit code and what it means, as the README's table words it. */
export const EXIT_CODES: readonly (readonly [code: number, meaning: string])[] = [
  [0, 'done'],
  [1, 'it failed or could not run'],
  [2, 'a usage mistake'],
  [3, 'done in part'],
  [75, 'another process is running the same ingestion, try later'],
];

/** The line `--help` ends with. */
export const EXIT_CODES_HELP = `\nExit codes: ${EXIT_CODES.map(([code, meaning]) => `${code} ${meaning}`).join('; ')}.`;
