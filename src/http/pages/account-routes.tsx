/**
 * Account routes: sign up (with a confirmation link whose page confirms by POST, once), sign in
 * and out, and password reset. Form posts call the account actions; expected failures re-render
 * the form with the message. A signed-in visitor asking for the sign-in or sign-up form is told
 * who they are; after a confirmation or a reset, the home page says what happened (flash-notice.tsx).
 * A sign-in started from a signed-out Upvote casts that vote once the password is right.
 */
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { checkResetLink, checkVerifyLink, emailSchema, openSession, passwordSchema, requestPasswordReset, resetPassword, signIn, signOut, signUp, verifyEmail } from '../../actions/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { clearSessionCookie, clientIp, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { deviceCookie, setDeviceCookie } from '../device-cookie.ts';
import { returnPath, safeNext } from '../return-path.ts';
import type { AppContext } from '../context.ts';
import { CheckInboxView, ConfirmEmailView, EmailConfirmedView, ResetLinkDeadView, ResetPasswordView, ResetRequestView, SignedInView, SignInView, SignUpView } from './account-pages.tsx';
import { setNotice } from './flash-notice.tsx';
import { form, orForm } from './forms.ts';
import { castPendingVote, pendingVote, signInPath, VOTE_FIELD } from './pending-vote.ts';
import { siteOf } from './site.ts';

/**
 * The sign-up field a failed sign-up is about: signUp checks the address, the password, then the
 * name, and fails on nothing else a visitor can fix (a rate limit is a page of its own).
 */
function signUpInvalidField(values: Record<string, string>): string {
  if (!emailSchema.safeParse(values['email']).success) return 'email';
  if (!passwordSchema.safeParse(values['password']).success) return 'password';
  return 'name';
}

/** Routes for accounts. */
export function accountRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  /** The "you are signed in" answer to a signed-in visitor opening a form of `back`, or undefined. */
  const signedIn = (c: Context, back: string) => {
    const user = c.get('user');
    return user ? c.html(<SignedInView site={siteOf(c, ctx)} name={user.name} next={safeNext(c.req.query('next'))} back={back} />) : undefined;
  };

  app.get('/signup', (c) => signedIn(c, '/signup') ?? c.html(<SignUpView site={siteOf(c, ctx)} />));
  app.post('/signup', async (c) => {
    const values = await form(c);
    return orForm(
      c,
      async () => {
        await signUp(db, ctx.mailLater, { email: values['email'], password: values['password'], name: values['name'], ip: clientIp(c, ctx), baseUrl: ctx.baseUrl, secret: ctx.secret }, ctx.now());
        return c.html(<CheckInboxView site={siteOf(c, ctx)} email={(values['email'] ?? '').trim()} what="signup" />);
      },
      (error) => c.html(<SignUpView site={siteOf(c, ctx)} state={{ error, values, invalid: signUpInvalidField(values) }} />),
    );
  });

  // The mailed link shows a button; only its POST (with the CSRF value) confirms and signs in.
  app.get('/verify/:token', async (c) => {
    const token = c.req.param('token');
    const { user, confirmed } = await checkVerifyLink(db, { token, secret: ctx.secret }, ctx.now());
    if (confirmed) return c.html(<EmailConfirmedView site={siteOf(c, ctx)} signedIn={c.get('user')?.id === user.id} />);
    return c.html(<ConfirmEmailView site={siteOf(c, ctx)} token={token} name={user.name} />);
  });
  app.post('/verify/:token', async (c) => {
    const ua = c.req.header('user-agent');
    const r = await verifyEmail(db, { token: c.req.param('token'), secret: ctx.secret, ...(ua ? { userAgent: ua } : {}) }, ctx.now());
    if (!r.session) return c.html(<EmailConfirmedView site={siteOf(c, ctx)} signedIn={c.get('user')?.id === r.user.id} />);
    setSessionCookie(c, ctx, r.session.token, r.session.expiresAt);
    setNotice(c, ctx, 'confirmed');
    return c.redirect('/', 303);
  });

  app.get('/signin', async (c) => {
    const next = safeNext(c.req.query('next'));
    // An upvote asked for while signed out (pending-vote.ts): named on the form, cast by its POST.
    const upvote = await pendingVote(db, c.req.query(VOTE_FIELD));
    const already = signedIn(c, next === '/' && !upvote ? '/signin' : signInPath(next, upvote?.id));
    if (already) return already;
    // Sent here by a button that needs an account (vote, comment, save, follow): say why, and that it comes back.
    const notice = c.req.query('reset') === '1' ? 'Your password was changed. Sign in with the new one.' : next !== '/' ? 'Sign in to go on: you will be back where you were.' : undefined;
    return c.html(<SignInView site={siteOf(c, ctx)} next={next} {...(notice ? { notice } : {})} {...(upvote ? { upvote } : {})} />);
  });
  app.post('/signin', async (c) => {
    const values = await form(c);
    const next = safeNext(c.req.query('next'));
    const upvote = await pendingVote(db, values[VOTE_FIELD]);
    return orForm(
      c,
      async () => {
        const ua = c.req.header('user-agent');
        const device = deviceCookie(c);
        const session = await signIn(
          db,
          { email: values['email'], password: values['password'], ip: clientIp(c, ctx), secret: ctx.secret, ...(ua ? { userAgent: ua } : {}), ...(device ? { device } : {}) },
          ctx.now(),
        );
        setSessionCookie(c, ctx, session.token, session.expiresAt);
        setDeviceCookie(c, ctx, session.device.token, session.device.expiresAt);
        // Back to the page at the paper, as the vote button itself goes back.
        if (upvote && (await castPendingVote(db, session.user, upvote, ctx.now()))) return c.redirect(`${next.replace(/#.*$/, '')}#paper-${encodeURIComponent(upvote.id)}`, 303);
        return c.redirect(next, 303);
      },
      (error) => c.html(<SignInView site={siteOf(c, ctx)} next={next} state={{ error, values: { email: values['email'] ?? '' } }} {...(upvote ? { upvote } : {})} />),
    );
  });

  // `next`: where to go once signed out (the form a signed-in visitor asked for), on this site only.
  app.post('/signout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(db, token);
    clearSessionCookie(c, ctx);
    // Otherwise back to the page the button was on (a page that needs an account then asks to sign in).
    const next = c.req.query('next');
    return c.redirect(next ? safeNext(next) : await returnPath(c), 303);
  });

  // `?email=`: the address typed on the sign-in form ("Forgot your password?").
  app.get('/reset', (c) => {
    const email = (c.req.query('email') ?? '').trim().slice(0, 254);
    return c.html(<ResetRequestView site={siteOf(c, ctx)} {...(email ? { state: { values: { email } } } : {})} />);
  });
  app.post('/reset', async (c) => {
    const values = await form(c);
    return orForm(
      c,
      async () => {
        await requestPasswordReset(db, ctx.mailLater, { email: values['email'], ip: clientIp(c, ctx), baseUrl: ctx.baseUrl }, ctx.now());
        return c.html(<CheckInboxView site={siteOf(c, ctx)} email={(values['email'] ?? '').trim()} what="reset" />);
      },
      (error) => c.html(<ResetRequestView site={siteOf(c, ctx)} state={{ error, values }} />),
    );
  });
  // Looked at (not used) first, so a dead link says so before anyone types a new password.
  app.get('/reset/:token', async (c) => {
    const token = c.req.param('token');
    if (!(await checkResetLink(db, token, ctx.now()))) return c.html(<ResetLinkDeadView site={siteOf(c, ctx)} />, 400);
    return c.html(<ResetPasswordView site={siteOf(c, ctx)} token={token} />);
  });
  app.post('/reset/:token', async (c) => {
    const values = await form(c);
    const token = c.req.param('token');
    return orForm(
      c,
      async () => {
        const user = await resetPassword(db, { token, password: values['password'] }, ctx.now()).catch((err: unknown) => {
          // A link that is dead (used in another tab, expired, made up) gets the dead link's page, not the form.
          if (err instanceof AppError && err.code === 'invalid_reset') return undefined;
          throw err;
        });
        if (!user) return c.html(<ResetLinkDeadView site={siteOf(c, ctx)} />, 400);
        const session = await openSession(db, user.id, ctx.now(), c.req.header('user-agent'));
        setSessionCookie(c, ctx, session.token, session.expiresAt);
        setNotice(c, ctx, 'password-reset');
        return c.redirect('/', 303);
      },
      (error) => c.html(<ResetPasswordView site={siteOf(c, ctx)} token={token} state={{ error, invalid: 'password' }} />),
    );
  });
  return app;
}
