/**
 * Telling "the host could not be reached at all" apart from other network failures. A refused
 * connection, a name that does not resolve, no route, a connect timeout, or a port fetch will not
 * use (6000, 6665-6669 and the other "bad ports") mean a wrong base URL or no network: retrying
 * for minutes does not help, so the fetcher gives up on them quickly, while a reset mid-body or a
 * slow answer is retried with the full backoff.
 */

/** The error codes of a connection that was never made. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The code of a failure to connect found in a fetch error's causes (fetch wraps it in "fetch
 * failed"; trying several addresses wraps it in an AggregateError), or undefined for any other error.
 */
export function connectFailure(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const todo: unknown[] = [err];
  while (todo.length > 0 && seen.size < 16) {
    const e = todo.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const x = e as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown };
    if (typeof x.code === 'string' && CONNECT_CODES.has(x.code)) return x.code;
    // fetch refuses some ports outright (the Fetch standard's "bad ports"): no retry can help.
    if (x.message === 'bad port') return 'a port fetch refuses';
    todo.push(x.cause);
    if (Array.isArray(x.errors)) todo.push(...(x.errors as unknown[]));
  }
  return undefined;
}

/** The host of a URL, for messages ("huggingface.co", "localhost:8080"); the URL itself if it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
