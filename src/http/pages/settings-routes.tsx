/**
 * Settings routes: the page (`GET /settings`) and its forms, each answered with a redirect back to
 * it (post/redirect/get, so a reload repeats nothing): the name shown, signing out of the other
 * browsers, public upvotes, the password, and API
 * tokens, whose secret reaches the page once through a sealed cookie (token-flash.ts); the
 * address and deleting the account have their own routes (account-lifecycle-routes.tsx), and so
 * do reply mails (reply-mail-routes.tsx).
 */
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createApiToken, passwordSchema, renameAccount, revokeApiToken } from '../../actions/accounts.ts';
import { changePassword } from '../../actions/change-password.ts';
import { invitationsOf } from '../../actions/org-invitations.ts';
import { setPublicUpvotes } from '../../actions/profiles.ts';
import { replyMailsOf } from '../../actions/reply-mail-prefs.ts';
import { signOutElsewhere } from '../../actions/sessions.ts';
import { notFound } from '../../core/errors.ts';
import { countUserSessions, listApiTokens, type User } from '../../db/users.ts';
import { clientIp, requireUser, SESSION_COOKIE } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { setDeviceCookie } from '../device-cookie.ts';
import { accountLifecycleRoutes } from './account-lifecycle-routes.tsx';
import { form, orForm } from './forms.ts';
import { replyMailRoutes } from './reply-mail-routes.tsx';
import { parseSaved, SettingsView, type SettingsProps } from './settings-page.tsx';
import { siteOf } from './site.ts';
import { flashNewToken, takeNewToken } from './token-flash.ts';

/** Routes for the signed-in user's settings. */
export function settingsRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  const render = async (c: Context, user: User, more: Pick<SettingsProps, 'newToken' | 'saved' | 'errors' | 'passwordField'> = {}) => {
    const [tokens, invitations, replyMails, sessions] = await Promise.all([listApiTokens(db, user.id), invitationsOf(db, user), replyMailsOf(db, user), countUserSessions(db, user.id, ctx.now())]);
    c.header('Cache-Control', 'no-store');
    return c.html(<SettingsView site={siteOf(c, ctx)} user={user} tokens={tokens} invitations={invitations} replyMails={replyMails} sessions={sessions} {...more} />);
  };

  app.get('/settings', async (c) => {
    const user = requireUser(c);
    const fresh = takeNewToken(c, ctx, user.id);
    // Shown only while live: a token revoked since (in another tab) is not worth copying.
    const live = fresh ? (await listApiTokens(db, user.id)).find((t) => t.id === fresh.id) : undefined;
    const saved = parseSaved(c.req.query('saved'));
    return render(c, user, { ...(fresh && live ? { newToken: { token: fresh.token, name: live.name } } : {}), ...(saved ? { saved } : {}) });
  });

  app.post('/settings/name', async (c) => {
    const user = requireUser(c);
    const values = await form(c);
    return orForm(
      c,
      async () => {
        await renameAccount(db, user, values['name'], ctx.now());
        return c.redirect('/settings?saved=name', 303);
      },
      (error) => render(c, user, { errors: { name: error } }),
    );
  });

  app.post('/settings/sessions/others', async (c) => {
    const user = requireUser(c);
    await signOutElsewhere(db, user, getCookie(c, SESSION_COOKIE) ?? '');
    return c.redirect('/settings?saved=signed-out', 303);
  });

  app.post('/settings/upvotes', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    await setPublicUpvotes(db, user, body['public'] === '1');
    return c.redirect('/settings?saved=upvotes', 303);
  });

  app.post('/settings/password', async (c) => {
    const user = requireUser(c);
    const values = await form(c);
    return orForm(
      c,
      async () => {
        const input = { current: values['current'], password: values['password'], session: getCookie(c, SESSION_COOKIE) ?? '', ip: clientIp(c, ctx), secret: ctx.secret };
        const { device } = await changePassword(db, user, input, ctx.now());
        // Device cookies issued under the old password stop counting; this browser just proved the new one.
        setDeviceCookie(c, ctx, device.token, device.expiresAt);
        return c.redirect('/settings?saved=password', 303);
      },
      // changePassword refuses a new password it would not take before it checks the current one.
      (error) => render(c, user, { errors: { password: error }, passwordField: passwordSchema.safeParse(values['password']).success ? 'current' : 'new' }),
    );
  });

  app.post('/settings/tokens', async (c) => {
    const user = requireUser(c);
    const values = await form(c);
    return orForm(
      c,
      async () => {
        const created = await createApiToken(db, user.id, values['name'], ctx.now());
        // Never in a page answering a POST (a reload would make another) nor stored in clear.
        flashNewToken(c, ctx, user.id, created);
        return c.redirect('/settings', 303);
      },
      (error) => render(c, user, { errors: { token: error } }),
    );
  });

  app.post('/settings/tokens/:id/revoke', async (c) => {
    const user = requireUser(c);
    if (!(await revokeApiToken(db, user.id, c.req.param('id'), ctx.now()))) throw notFound('No such token.');
    return c.redirect('/settings?saved=revoked', 303);
  });
  app.route('/', accountLifecycleRoutes(ctx, render));
  app.route('/', replyMailRoutes(ctx));
  return app;
}
