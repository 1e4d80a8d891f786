/**
 * The one error type of the ingestion adapters: what went wrong talking to (or reading the answer
 * of) an outside source, and whether trying again later could help.
 */

/** A failure of an outside source; `retryable` tells the caller whether a later attempt may succeed. */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly retryable: boolean;
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, opts: { url: string; retryable: boolean; status?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.url = opts.url;
    this.retryable = opts.retryable;
    this.status = opts.status;
  }
}
