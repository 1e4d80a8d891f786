/** Server-rendered pages (stub until the page layout lands). */
import { Hono } from 'hono';
import type { AppContext } from '../context.ts';

/** Page routes. */
export function pageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(<p>{ctx.config.siteName}</p>));
  return app;
}
