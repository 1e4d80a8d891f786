/**
 * Admin pages: the index (`/admin`) and ingestion, open to a signed-in admin (role "admin"), and
 * otherwise behind HTTP basic authentication (user "admin", ADMIN_PASSWORD; ten wrong guesses from
 * an address in 15 minutes and it waits). With neither, they do not exist (404), so a fresh
 * install exposes nothing. The accounts pages (`/admin/users`) act as a signed-in account, so they
 * take a staff session instead (admin-users-routes.tsx).
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { ingestStatus } from '../../actions/ingest/status.ts';
import { enforceLimit, LIMITS, refundLimit } from '../../actions/rate-limit.ts';
import { isoDate } from '../../core/feed-window.ts';
import { countPapers, latestFeedDate } from '../../db/papers.ts';
import { notFound } from '../../core/errors.ts';
import { clientIp } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { AdminIndexView } from './admin-index.tsx';
import { AdminIngestView } from './admin-ingest.tsx';
import { adminUserRoutes } from './admin-users-routes.tsx';
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
  const db = ctx.database.db;
  // Each guess counts against the address before it is checked; a right one takes its hit back.
  const basic = password
    ? basicAuth({
        verifyUser: async (user, pass, c) => {
          const ok = same(user, 'admin') && same(pass, password);
          if (ok) await refundLimit(db, LIMITS.adminPasswordPerIp, clientIp(c, ctx));
          return ok;
        },
        realm: 'Paperboy admin',
      })
    : undefined;
  // Registered before the password's gate, which never sees their requests.
  app.route('/users', adminUserRoutes(ctx));
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (c.get('user')?.role === 'admin') return next();
    if (!basic) throw notFound('There is no page at this address.');
    if (/^Basic\s/i.test(c.req.header('authorization') ?? '')) await enforceLimit(db, LIMITS.adminPasswordPerIp, clientIp(c, ctx), ctx.now());
    return basic(c, next);
  });
  app.get('/', (c) => c.html(<AdminIndexView site={siteOf(c, ctx)} signedIn={c.get('user')?.role === 'admin'} />));
  app.get('/ingest', async (c) => {
    const today = isoDate(ctx.now().getTime());
    const [{ sources, runs }, papers, newestDay] = await Promise.all([ingestStatus(db, 50), countPapers(db), latestFeedDate(db, today)]);
    const daysOld = newestDay ? Math.round((Date.parse(today) - Date.parse(newestDay)) / 86_400_000) : undefined;
    return c.html(<AdminIngestView site={siteOf(c, ctx)} checkpoints={sources} runs={runs} upcoming={ctx.upcomingJobs?.() ?? []} store={{ papers, newestDay, daysOld }} />);
  });
  return app;
}
