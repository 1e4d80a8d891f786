/**
 * Routes of an address change and of deleting an account. `POST /settings/email` mails the link
 * (and says the same whether or not the address is taken); the link's page
 * (`GET /email/confirm/:token`) shows a button whose POST, with the CSRF value, moves the account.
 * `POST /settings/delete` deletes the signed-in account, signs the browser out and says so on the
 * home page. Refusals come back in their section of the settings page.
 */
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { checkEmailChangeLink, confirmEmailChange, requestEmailChange } from '../../actions/change-email.ts';
import { deleteOwnAccount } from '../../actions/delete-account.ts';
import { AppError } from '../../core/errors.ts';
import type { User } from '../../db/users.ts';
import { clearSessionCookie, clientIp, requireUser, SESSION_COOKIE } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ConfirmEmailChangeView, EmailChangeDeadView, EmailChangedView } from './account-lifecycle-pages.tsx';
import { setNotice } from './flash-notice.tsx';
import { form, orForm } from './forms.ts';
import type { SettingsProps } from './settings-page.tsx';
import { siteOf } from './site.ts';

/** Renders the settings page with a section's refusal. */
export type RenderSettings = (c: Context, user: User, more: Pick<SettingsProps, 'errors'>) => Promise<Response>;

/** Routes for changing the address and deleting the account. */
export function accountLifecycleRoutes(ctx: AppContext, render: RenderSettings): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  /** Runs a link's step; a dead or unusable link gets its page (with the reason) instead of the error page. */
  const withLink = async (c: Context, run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError && (err.code === 'invalid_email_change' || err.code === 'email_taken')) {
        return c.html(<EmailChangeDeadView site={siteOf(c, ctx)} message={err.message} />, err.status as 400);
      }
      throw err;
    }
  };

  app.post('/settings/email', async (c) => {
    const user = requireUser(c);
    const values = await form(c);
    return orForm(
      c,
      async () => {
        await requestEmailChange(db, ctx.mailLater, user, { email: values['email'], current: values['current'], ip: clientIp(c, ctx), baseUrl: ctx.baseUrl, secret: ctx.secret }, ctx.now());
        return c.redirect('/settings?saved=email', 303);
      },
      (error) => render(c, user, { errors: { email: error } }),
    );
  });

  app.get('/email/confirm/:token', (c) =>
    withLink(c, async () => {
      const token = c.req.param('token');
      const { user, newEmail } = await checkEmailChangeLink(db, { token, secret: ctx.secret }, ctx.now());
      c.header('Cache-Control', 'no-store');
      return c.html(<ConfirmEmailChangeView site={siteOf(c, ctx)} token={token} handle={user.handle} newEmail={newEmail} />);
    }),
  );
  app.post('/email/confirm/:token', (c) =>
    withLink(c, async () => {
      const session = getCookie(c, SESSION_COOKIE);
      const { user } = await confirmEmailChange(db, ctx.mailLater, { token: c.req.param('token'), secret: ctx.secret, ...(session ? { session } : {}) }, ctx.now());
      if (c.get('user')?.id === user.id) return c.redirect('/settings?saved=email-changed', 303);
      return c.html(<EmailChangedView site={siteOf(c, ctx)} email={user.email} />);
    }),
  );

  app.post('/settings/delete', async (c) => {
    const user = requireUser(c);
    const values = await form(c);
    return orForm(
      c,
      async () => {
        await deleteOwnAccount(db, user, { current: values['current'], confirm: values['confirm'] === 'yes', ip: clientIp(c, ctx) }, ctx.now());
        clearSessionCookie(c, ctx);
        setNotice(c, ctx, 'account-deleted');
        return c.redirect('/', 303);
      },
      (error) => render(c, user, { errors: { delete: error } }),
    );
  });
  return app;
}
