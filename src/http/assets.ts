/** Static assets (stub until the page layout lands). */
import { Hono } from 'hono';

/** Asset routes. */
export function assetRoutes(): Hono {
  return new Hono();
}
