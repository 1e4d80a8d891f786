/**
 * The JSON API under /api: every module's routes, then a JSON 404 for anything else. A feature
 * adds its module here.
 */
import { Hono } from 'hono';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { papersApi } from './papers.ts';
import { votesApi } from './votes.ts';

/** All API routes. */
export function apiRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.route('/', votesApi(ctx));
  api.route('/', papersApi(ctx));
  api.all('*', () => {
    throw notFound('No such API endpoint');
  });
  return api;
}
