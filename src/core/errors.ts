/**
 * Expected failures carry an HTTP status and a stable machine code. One handler renders them as
 * `{error:{code,message}}` under /api and as an HTML page elsewhere; the CLI prints the message.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The failure behind it (logged, never shown), e.g. a source's error. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A 400 for input the caller can fix. */
export const badRequest = (code: string, message: string): AppError => new AppError(400, code, message);

/** A 404 for something that does not exist. */
export const notFound = (message = 'Not found'): AppError => new AppError(404, 'not_found', message);
