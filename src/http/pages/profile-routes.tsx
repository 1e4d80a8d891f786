/**
 * Profile routes: `/users/:handle` and its lists a page at a time (`/users/:handle/submitted`,
 * `/upvoted`, `/comments`, `?p=`). The owner's settings live at `/settings` (settings-routes.tsx),
 * mounted here with them.
 */
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { PROFILE_LISTS, type ProfileList, viewProfile, viewProfileList } from '../../actions/profiles.ts';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { ProfileListView, ProfileView } from './profile-page.tsx';
import { settingsRoutes } from './settings-routes.tsx';
import { siteOf } from './site.ts';
import { markVoted } from './vote-button.tsx';

/** Routes for profiles and settings. */
export function profileRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  app.get('/users/:handle', async (c) => {
    const { user, own, activity, collections, authorNames, organizations } = await viewProfile(db, c.req.param('handle'), c.get('user'));
    await markVoted(c, ctx, [...activity.submitted.items, ...activity.upvoted.items].map((p) => p.id));
    if (own) c.header('Cache-Control', 'no-store');
    return c.html(<ProfileView site={siteOf(c, ctx)} user={user} own={own} activity={activity} collections={collections} authorNames={authorNames} organizations={organizations} />);
  });

  app.get('/users/:handle/:list', async (c) => {
    const list = c.req.param('list') as ProfileList;
    if (!PROFILE_LISTS.includes(list)) throw notFound('There is no such page.');
    const view = await viewProfileList(db, c.req.param('handle'), c.get('user'), list, parsePageNumber(c.req.query('p')));
    if (view.list !== 'comments') await markVoted(c, ctx, view.items.map((p) => p.id));
    if (view.own) c.header('Cache-Control', 'no-store');
    return c.html(<ProfileListView site={siteOf(c, ctx)} view={view} />);
  });

  app.route('/', settingsRoutes(ctx));
  return app;
}
