/**
 * Groups a source's pages into batches for fewer, larger commits: the next page is always being
 * fetched while the current batch is stored, and a batch closes when it holds `max` items, when
 * no new page has come for `idleMs` (a polite source pauses between requests: what has arrived is
 * committed during the pause), or when the source ends. A source that fails hands on the pages
 * that came before the failure, then the error: nothing fetched intact is dropped.
 */

export interface CoalesceOptions<T> {
  /** How many items a page holds (records, say). */
  size: (page: T) => number;
  /** A batch closes once it holds at least this many items. */
  max: number;
  /** A batch closes when the next page takes longer than this to come. */
  idleMs: number;
}

const IDLE = Symbol('idle');

export async function* coalesce<T>(source: AsyncIterable<T>, opts: CoalesceOptions<T>): AsyncGenerator<T[]> {
  const pages = source[Symbol.asyncIterator]();
  let batch: T[] = [];
  let items = 0;
  let timer: NodeJS.Timeout | undefined;
  const fetchNext = (): Promise<IteratorResult<T>> => {
    const next = pages.next();
    // Handled here as well: a page that fails while a batch is being stored is not an unhandled rejection.
    next.catch(() => undefined);
    return next;
  };
  const idle = (): Promise<typeof IDLE> =>
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(IDLE), opts.idleMs);
    });
  let pending = fetchNext();
  try {
    for (;;) {
      let got: IteratorResult<T> | typeof IDLE;
      try {
        got = batch.length > 0 ? await Promise.race([pending, idle()]) : await pending;
      } catch (err) {
        if (batch.length > 0) yield batch;
        throw err;
      } finally {
        clearTimeout(timer);
      }
      if (got === IDLE) {
        yield batch;
        batch = [];
        items = 0;
        continue;
      }
      if (got.done) break;
      pending = fetchNext();
      batch.push(got.value);
      items += opts.size(got.value);
      if (items >= opts.max) {
        yield batch;
        batch = [];
        items = 0;
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    // A consumer that stops early leaves one fetch in flight: the source is told to stop after it.
    pages.return?.().catch(() => undefined);
  }
}
