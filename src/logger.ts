/**
 * The process logger: structured JSON lines (pino) on stderr, so that stdout stays clean for
 * command output such as `search --json`. On a terminal the lines are pretty-printed.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Creates the logger at a level; pretty output when stderr is a terminal. */
export function createLogger(level: string): Logger {
  if (process.stderr.isTTY) {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname' } } });
  }
  return pino({ level }, pino.destination({ fd: 2, sync: true }));
}
