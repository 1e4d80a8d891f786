/**
 * Admin pages, behind HTTP basic authentication (user "admin", ADMIN_PASSWORD). Without a
 * password configured they do not exist (404), so a fresh install exposes nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { listCheckpoints, listRuns } from '../../db/ingest.ts';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { AdminIngestView } from './admin-ingest.tsx';
import { siteOf } from './site.ts';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Routes under /admin. */
export function adminRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const password = ctx.config.adminPassword;
  app.use('*', async (c, next) => {
    if (!password) throw notFound('There is no page at this address.');
    c.header('Cache-Control', 'no-store');
    await next();
  });
  if (password) {
    app.use('*', basicAuth({ verifyUser: (user, pass) => same(user, 'admin') && same(pass, password), realm: 'Paperboy admin' }));
  }
  app.get('/ingest', async (c) => {
    const [checkpoints, runs] = await Promise.all([listCheckpoints(ctx.database.db), listRuns(ctx.database.db, 50)]);
    return c.html(<AdminIngestView site={siteOf(c, ctx)} checkpoints={checkpoints} runs={runs} upcoming={ctx.upcomingJobs?.() ?? []} />);
  });
  return app;
}
