/**
 * Admin pages: open to a signed-in admin (role "admin"), and otherwise behind HTTP basic
 * authentication (user "admin", ADMIN_PASSWORD). With neither, they do not exist (404), so a
 * fresh install exposes nothing.
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
  const basic = password ? basicAuth({ verifyUser: (user, pass) => same(user, 'admin') && same(pass, password), realm: 'Paperboy admin' }) : undefined;
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (c.get('user')?.role === 'admin') return next();
    if (!basic) throw notFound('There is no page at this address.');
    return basic(c, next);
  });
  app.get('/ingest', async (c) => {
    const [checkpoints, runs] = await Promise.all([listCheckpoints(ctx.database.db), listRuns(ctx.database.db, 50)]);
    return c.html(<AdminIngestView site={siteOf(c, ctx)} checkpoints={checkpoints} runs={runs} upcoming={ctx.upcomingJobs?.() ?? []} />);
  });
  return app;
}
