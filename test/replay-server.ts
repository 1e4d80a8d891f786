/**
 * A tiny local HTTP server that replays recorded answers for tests: each route matches method,
 * path and (optionally) the exact query, and answers with a fixed response or a scripted sequence
 * (429 then 200, a body cut off mid-way, a slow answer). Every request is recorded with its
 * arrival time and when its answer was sent, so tests can check what a client sent and how it
 * spaced its requests.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. */
export interface ReplayStep {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Send the headers (with the full Content-Length) and this many bytes of body, then destroy the socket. */
  cutAfterBytes?: number;
  /** Wait this long before answering (for timeout tests). */
  delayMs?: number;
}

export interface ReplayRoute {
  method?: string;
  path: string;
  /** When given, the request's query parameters must equal these exactly (order does not matter). */
  query?: Record<string, string>;
  /** One answer for every request, or a sequence: request n gets step n, the last step repeats. */
  respond: ReplayStep | ReplayStep[];
}

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Arrival time in ms (performance.now()). */
  at: number;
  /**
   * When the whole answer was handed to the socket, or the connection dropped (performance.now());
   * unset until then. No client can have the answer sooner: a gap measured from here to the next
   * request's arrival is never longer than the client's own pause.
   */
  doneAt?: number;
}

export interface ReplayServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the server on a free local port. Unmatched requests get a 404 and are recorded too. */
export async function startReplayServer(routes: ReplayRoute[]): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const hits = new Map<ReplayRoute, number>();
  const server = createServer((req, res) => {
    const at = performance.now();
    const u = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(u.searchParams);
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = { method, url: req.url ?? '/', path: u.pathname, query, headers: req.headers, at };
    requests.push(recorded);
    const done = (): void => void (recorded.doneAt ??= performance.now());
    res.once('finish', done);
    res.once('close', done);
    const route = routes.find((r) => (r.method ?? 'GET') === method && r.path === u.pathname && queryMatches(r.query, u.searchParams));
    if (!route) {
      done();
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no replay route for ${method} ${req.url}`);
      return;
    }
    const n = hits.get(route) ?? 0;
    hits.set(route, n + 1);
    const steps = Array.isArray(route.respond) ? route.respond : [route.respond];
    const step = steps[Math.min(n, steps.length - 1)] as ReplayStep;
    const answer = (): void => {
      const body = Buffer.from(step.body ?? '', 'utf8');
      res.writeHead(step.status ?? 200, { 'content-type': 'application/xml; charset=utf-8', 'content-length': String(body.length), ...step.headers });
      if (step.cutAfterBytes === undefined) {
        // Marked before end(): 'finish' may come a little after the client already has it all.
        done();
        res.end(body);
        return;
      }
      res.write(body.subarray(0, step.cutAfterBytes), () => setTimeout(() => req.socket.destroy(), 10));
    };
    if (step.delayMs) setTimeout(answer, step.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function queryMatches(expected: Record<string, string> | undefined, actual: URLSearchParams): boolean {
  if (!expected) return true;
  const keys = [...new Set(actual.keys())];
  if (keys.length !== Object.keys(expected).length) return false;
  return Object.entries(expected).every(([k, v]) => actual.getAll(k).length === 1 && actual.get(k) === v);
}
