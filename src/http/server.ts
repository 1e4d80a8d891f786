/**
 * The running web server: the app on a real socket, plus the search index kept in step with the
 * store (other processes, such as `paperboy import` or another app node, write to it too).
 */
import { type AddressInfo, createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { AppError } from '../core/errors.ts';
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
    s.once('error', (err: NodeJS.ErrnoException) => {
      clearInterval(timer);
      reject(listenError(err, opts));
    });
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

/**
 * Binds host:port and lets it go at once, so that `serve` finds a port in use or a bad HOST in
 * a moment, before migrating, loading the sample and building the search index. Port 0 (any
 * free port) cannot be taken and is not tried.
 */
export async function checkListen(opts: { port: number; host: string }): Promise<void> {
  if (opts.port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, opts)));
    probe.listen({ port: opts.port, host: opts.host }, () => probe.close(() => resolve()));
  });
}

/** What an admin can do about an address that cannot be listened on, naming the setting at fault; other errors as they are. */
function listenError(err: NodeJS.ErrnoException, opts: { port: number; host: string }): Error {
  const where = `${opts.host}:${opts.port}`;
  if (err.code === 'EADDRINUSE') return new AppError(500, 'port_in_use', `PORT=${opts.port}: cannot listen on ${where}: the port is already in use; stop what listens there, or set PORT to another port.`);
  if (err.code === 'EACCES') return new AppError(500, 'port_denied', `PORT=${opts.port}: not allowed to listen on ${where}: ports below 1024 need privileges; set PORT to 1024 or above.`);
  if (err.code === 'EADDRNOTAVAIL') return new AppError(500, 'bad_host', `HOST=${opts.host}: cannot listen: this machine has no such address; set HOST to one of its addresses, or 0.0.0.0.`);
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' || err.code === 'EAI_NONAME') {
    return new AppError(500, 'bad_host', `HOST=${opts.host}: cannot listen: unknown address; set HOST to one of this machine's addresses (0.0.0.0 for all, 127.0.0.1 for this machine only).`);
  }
  return err;
}
