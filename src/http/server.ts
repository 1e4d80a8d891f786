/**
 * The running web server: the app on a real socket, plus the search index kept in step with the
 * store (other processes, such as `paperboy import` or another app node, write to it too).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { AppContext } from './context.ts';

/**
 * Node's default header limit (16 KB) would answer a bare 431 to a long search link before the
 * app sees it: a 10 KB query of emoji is about 60 KB once percent-encoded. The app bounds the
 * work a query can cause itself.
 */
const MAX_HEADER_BYTES = 128 * 1024;

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Starts serving on host:port (port 0 picks a free one) and following store changes. */
export async function startServer(ctx: AppContext, opts: { port: number; host: string; syncSeconds: number }): Promise<RunningServer> {
  const app = createApp(ctx);
  let syncing = false;
  const timer = setInterval(() => {
    if (syncing) return;
    syncing = true;
    ctx.search
      .sync()
      .then((n) => n > 0 && ctx.logger.info({ changed: n, size: ctx.search.size }, 'search index updated'))
      .catch((err: unknown) => ctx.logger.error({ err }, 'search index sync failed'))
      .finally(() => {
        syncing = false;
      });
  }, opts.syncSeconds * 1000);
  timer.unref();
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } }, () => resolve(s));
    s.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
