/**
 * Profile routes: `/users/:handle`, its lists a page at a time (`/users/:handle/submitted`,
 * `/upvoted`, `/comments`, `?p=`), and the owner's settings (public upvotes, API tokens).
 */
import { type Context, Hono } from 'hono';
import { createApiToken, revokeApiToken } from '../../actions/accounts.ts';
import { parsePageNumber } from '../../actions/feed.ts';
import { PROFILE_LISTS, type ProfileList, viewProfile, viewProfileList } from '../../actions/profiles.ts';
import { notFound } from '../../core/errors.ts';
import { setPublicUpvotes } from '../../db/profiles.ts';
import { listApiTokens } from '../../db/users.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ProfileListView, ProfileView } from './profile-page.tsx';
import { siteOf } from './site.ts';
import { markVoted } from './vote-button.tsx';

/** Routes for profiles and settings. */
export function profileRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  const show = async (c: Context, handle: string, newToken?: string) => {
    const { user, own, activity, collections } = await viewProfile(db, handle, c.get('user'));
    await markVoted(c, ctx, [...activity.submitted.items, ...activity.upvoted.items].map((p) => p.id));
    const tokens = own ? await listApiTokens(db, user.id) : undefined;
    if (own) c.header('Cache-Control', 'no-store');
    return c.html(<ProfileView site={siteOf(c, ctx)} user={user} own={own} activity={activity} collections={collections} {...(tokens ? { tokens } : {})} {...(newToken ? { newToken } : {})} />);
  };

  app.get('/users/:handle', (c) => show(c, c.req.param('handle')));

  app.get('/users/:handle/:list', async (c) => {
    const list = c.req.param('list') as ProfileList;
    if (!PROFILE_LISTS.includes(list)) throw notFound('There is no such page.');
    const view = await viewProfileList(db, c.req.param('handle'), c.get('user'), list, parsePageNumber(c.req.query('p')));
    if (view.list !== 'comments') await markVoted(c, ctx, view.items.map((p) => p.id));
    if (view.own) c.header('Cache-Control', 'no-store');
    return c.html(<ProfileListView site={siteOf(c, ctx)} view={view} />);
  });

  app.post('/settings/upvotes', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    await setPublicUpvotes(db, user.id, body['public'] === '1');
    return c.redirect(`/users/${user.handle}`, 303);
  });

  app.post('/settings/tokens', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    const { token } = await createApiToken(db, user.id, body['name'], ctx.now());
    // Shown once, on this response only; never stored in clear.
    return show(c, user.handle, token);
  });

  app.post('/settings/tokens/:id/revoke', async (c) => {
    const user = requireUser(c);
    if (!(await revokeApiToken(db, user.id, c.req.param('id'), ctx.now()))) throw notFound('No such token.');
    return c.redirect(`/users/${user.handle}`, 303);
  });
  return app;
}
