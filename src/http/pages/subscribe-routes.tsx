/**
 * Digest subscription routes: POST /subscribe (double opt-in), GET|POST /subscribe/confirm/:token,
 * GET|POST /subscribe/follow/:token (a follow mailed to an active digest),
 * GET|POST /subscription/:token (preferences, by signed link, no password),
 * GET|POST /unsubscribe/:token, and GET|POST /follow (a follow button: into a signed-in user's
 * digest; a visitor signs in first or subscribes by email with it). The POST of
 * /unsubscribe is RFC 8058's one-click endpoint: mail clients send it without cookies, so it is
 * exempt from CSRF and authenticated by its signed token; it unsubscribes at once. Confirming
 * and a mailed follow work the same way. Both GETs only show a button: mail link scanners follow GETs, and must
 * neither confirm nor unsubscribe anybody.
 */
import { type Context, Hono } from 'hono';
import { digestOfUser, followForUser, parseFollow, startDigestForUser } from '../../actions/follow.ts';
import { confirmLinkState, confirmSubscription, followFromLink, followLinkTarget, resubscribe, subscribe, subscriberFromLink, unsubscribe } from '../../actions/subscribe.ts';
import { followOfToken, subscriptionLink } from '../../actions/subscription-links.ts';
import { MAX_FOLLOWS, parsePreferences, preferencesState, savePreferences } from '../../actions/subscription-prefs.ts';
import { type Follow, followLabel } from '../../core/digest.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { BACK_FIELD, safeNext } from '../return-path.ts';
import { ConfirmView, FollowConfirmView, FollowLinkView, FollowVisitorView, MessageView, PreferencesView, StartDigestView, SubscribeView, UnsubscribedView, UnsubscribeView } from './subscribe-pages.tsx';
import { form as postedFields, orForm } from './forms.ts';
import { siteOf } from './site.ts';

/** The page that confirms a follow, with the page to go back to afterwards. */
const followPath = (f: Follow, back: string): string => `/follow?${new URLSearchParams({ kind: f.kind, value: f.value, ...(back !== '/' ? { back } : {}) }).toString()}`;
/** Sign-in that comes back to confirm the follow. */
const signInToFollow = (f: Follow, back: string): string => `/signin?next=${encodeURIComponent(followPath(f, back))}`;

/** Routes of the digest subscription. */
export function subscribeRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  const badLink = (c: Context) => {
    c.status(404);
    return c.html(
      <MessageView site={siteOf(c, ctx)} title="This link does not work">
        <p>
          It may be mistyped or too old. <a href="/subscribe">Subscribe again</a> to get a fresh one.
        </p>
      </MessageView>,
    );
  };

  app.get('/subscribe', (c) => c.html(<SubscribeView site={siteOf(c, ctx)} />));

  app.post('/subscribe', async (c) => {
    const form = await c.req.parseBody();
    // A visitor's Follow button leads here with what to follow (see FollowVisitorView).
    const follow = form['kind'] !== undefined ? parseFollow(form['kind'], form['value']) : undefined;
    const email = typeof form['email'] === 'string' ? form['email'].slice(0, 254) : '';
    return orForm(
      c,
      async () => {
        await subscribe(
          { db, mail: ctx.mailLater, secret: ctx.secret, baseUrl: ctx.baseUrl, siteName: ctx.config.siteName, now: ctx.now() },
          { email: form['email'], timezone: form['timezone'], ip: clientIp(c, ctx), ...(follow ? { follow } : {}) },
        );
        const sentTo = typeof form['email'] === 'string' ? form['email'].trim().slice(0, 254) : '';
        return c.html(
          <MessageView site={siteOf(c, ctx)} title="Check your inbox">
            <p>
              {/* The same words whether or not the address already gets the digest: the page must not tell. */}
              {follow ? (
                <>
                  We sent a link to <strong>{sentTo}</strong>. Once you confirm from it, your digest has a section for {followLabel(follow)}: a new digest starts then, and one the address
                  already gets adds the section. Nothing changes until then.
                </>
              ) : (
                <>
                  We sent a confirmation link to <strong>{sentTo}</strong>. Nothing else is sent until you follow it.
                </>
              )}{' '}
              No mail after a few minutes? Check the spam folder, or <a href="/subscribe">try again</a>.
            </p>
          </MessageView>,
        );
      },
      (error) =>
        c.html(follow ? <FollowVisitorView site={siteOf(c, ctx)} follow={follow} signIn={signInToFollow(follow, '/')} error={error} email={email} /> : <SubscribeView site={siteOf(c, ctx)} error={error} email={email} />),
    );
  });

  /** The page after confirming (or on opening the link again): where the digest goes, and its preferences. */
  const subscribed = (c: Context, sub: { id: string; email: string }, already: boolean) => {
    const prefs = subscriptionLink('', ctx.secret, 'digest-preferences', sub.id, ctx.now());
    return c.html(
      <MessageView site={siteOf(c, ctx)} title={already ? 'Already subscribed' : 'You are subscribed'}>
        <p>
          The digest {already ? 'already comes' : 'will come'} to <strong>{sub.email}</strong>. <a href={prefs}>Choose when, how often and what to follow</a>.
        </p>
      </MessageView>,
    );
  };

  /** A confirmation link used already, or mailed before an unsubscribe: it subscribes nobody again. */
  const usedLink = (c: Context, email: string) => {
    c.status(410);
    return c.html(
      <MessageView site={siteOf(c, ctx)} title="This link was used">
        <p>
          This confirmation link was used already, or the address unsubscribed after it was sent, so it no longer subscribes <strong>{email}</strong>.{' '}
          <a href="/subscribe">Subscribe again</a> to get a new confirmation mail.
        </p>
      </MessageView>,
    );
  };

  app.get('/subscribe/confirm/:token', async (c) => {
    const token = c.req.param('token');
    const state = await confirmLinkState(db, ctx.secret, token, ctx.now());
    if (!state) return badLink(c);
    // Opened again once confirmed: nothing to confirm, and the way to the preferences.
    if (state.sub.status === 'active') return subscribed(c, state.sub, true);
    if (!state.current) return usedLink(c, state.sub.email);
    // A follow carried by the link (a visitor's Follow button) is named, and added on confirming.
    const followToken = c.req.query('follow');
    const follow = followToken ? followOfToken(ctx.secret, followToken, ctx.now()) : undefined;
    const action = `/subscribe/confirm/${token}${follow?.subscriberId === state.sub.id ? `?follow=${encodeURIComponent(followToken!)}` : ''}`;
    return c.html(<ConfirmView site={siteOf(c, ctx)} email={state.sub.email} action={action} {...(follow?.subscriberId === state.sub.id ? { follow: follow.follow } : {})} />);
  });

  app.post('/subscribe/confirm/:token', async (c) => {
    const done = await confirmSubscription(db, ctx.secret, c.req.param('token'), ctx.now(), c.req.query('follow'));
    if (!done) return badLink(c);
    if (done.confirmed || done.sub.status === 'active') return subscribed(c, done.sub, !done.confirmed);
    return usedLink(c, done.sub.email);
  });

  // A follow link mailed to an active digest (a visitor's Follow button named its address): the
  // GET shows a button, its POST adds the follow, then the preferences say so.
  app.get('/subscribe/follow/:token', async (c) => {
    const token = c.req.param('token');
    const target = await followLinkTarget(db, ctx.secret, token, ctx.now());
    if (!target) return badLink(c);
    return c.html(<FollowLinkView site={siteOf(c, ctx)} email={target.sub.email} follow={target.follow} action={`/subscribe/follow/${token}`} />);
  });

  app.post('/subscribe/follow/:token', async (c) => {
    const done = await followFromLink(db, ctx.secret, c.req.param('token'), ctx.now());
    if (!done) return badLink(c);
    const prefs = subscriptionLink('', ctx.secret, 'digest-preferences', done.sub.id, ctx.now());
    if (done.result !== 'full') return c.redirect(`${prefs}?followed=${done.result}`, 303);
    c.status(400);
    return c.html(
      <MessageView site={siteOf(c, ctx)} title="Your digest follows enough">
        <p>
          It already follows {MAX_FOLLOWS} items, so {followLabel(done.follow)} was not added. <a href={prefs}>Remove some on its preferences page</a>, then follow it from there.
        </p>
      </MessageView>,
    );
  });

  const preferences = async (c: Context, extra: { saved?: boolean; started?: boolean; followed?: 'new' | 'again'; back?: string; error?: string; entered?: Record<string, string> } = {}) => {
    const token = c.req.param('token') ?? '';
    const sub = await subscriberFromLink(db, ctx.secret, 'digest-preferences', token, ctx.now());
    if (!sub) return badLink(c);
    const state = await preferencesState(db, sub, ctx.now());
    const unsub = subscriptionLink('', ctx.secret, 'digest-unsubscribe', sub.id, ctx.now());
    if (extra.error) c.status(400);
    return c.html(<PreferencesView site={siteOf(c, ctx)} state={state} action={`/subscription/${token}`} unsubscribe={unsub} {...extra} />);
  };

  app.get('/subscription/:token', (c) => {
    const followed = c.req.query('followed');
    if (c.req.query('started') === '1') return preferences(c, { started: true });
    const back = c.req.query('back');
    return preferences(c, c.req.query('saved') === '1' ? { saved: true } : followed === 'new' || followed === 'again' ? { followed, ...(back ? { back: safeNext(back) } : {}) } : {});
  });

  // "Your email digest" in the account's menu: its preferences, or a button that starts one.
  app.get('/digest', async (c) => {
    const user = requireUser(c);
    const sub = await digestOfUser(db, user);
    if (sub) return c.redirect(subscriptionLink('', ctx.secret, 'digest-preferences', sub.id, ctx.now()), 303);
    return c.html(<StartDigestView site={siteOf(c, ctx)} email={user.email} verified={user.verified} />);
  });

  app.post('/digest', async (c) => {
    const user = requireUser(c);
    const form = await c.req.parseBody();
    const id = await startDigestForUser(db, user, ctx.now(), form['timezone']);
    return c.redirect(`${subscriptionLink('', ctx.secret, 'digest-preferences', id, ctx.now())}?started=1`, 303);
  });

  // A follow button (signed in): into the digest of the account's address, then its preferences.
  // Where a visitor's Follow button leads once they have signed in: the same follow, one click.
  app.get('/follow', async (c) => {
    const follow = parseFollow(c.req.query('kind'), c.req.query('value'));
    const back = safeNext(c.req.query('back'));
    // A visitor chooses: sign in (and come back to this very follow), or the digest by email alone.
    if (!c.get('user')) return c.html(<FollowVisitorView site={siteOf(c, ctx)} follow={follow} signIn={signInToFollow(follow, back)} />);
    return c.html(<FollowConfirmView site={siteOf(c, ctx)} follow={follow} back={back} />);
  });

  app.post('/follow', async (c) => {
    const form = await c.req.parseBody();
    const follow = parseFollow(form['kind'], form['value']);
    // The preferences page then links back to the page the button was on.
    const back = typeof form[BACK_FIELD] === 'string' ? safeNext(form[BACK_FIELD]) : '/';
    // A visitor signs in first and comes back to confirm this very follow.
    if (!c.get('user')) return c.redirect(followPath(follow, back), 303);
    const user = requireUser(c);
    const { subscriberId, added } = await followForUser(db, user, follow, ctx.now(), form['timezone']);
    const query = new URLSearchParams({ followed: added ? 'new' : 'again', ...(back !== '/' ? { back } : {}) });
    return c.redirect(`${subscriptionLink('', ctx.secret, 'digest-preferences', subscriberId, ctx.now())}?${query.toString()}`, 303);
  });

  app.post('/subscription/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromLink(db, ctx.secret, 'digest-preferences', token, ctx.now());
    if (!sub) return badLink(c);
    const body = await postedFields(c);
    return orForm(
      c,
      async () => {
        await savePreferences(db, sub.id, parsePreferences(body));
        return c.redirect(`/subscription/${token}?saved=1`, 303);
      },
      // Refused: the form again as it was sent, for the person to correct.
      (error) => preferences(c, { error, entered: body }),
    );
  });

  app.get('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await subscriberFromLink(db, ctx.secret, 'digest-unsubscribe', token, ctx.now());
    if (!sub) return badLink(c);
    // Opened again later (no script to submit the form): say it is done rather than ask again.
    if (sub.status === 'unsubscribed') {
      return c.html(
        <MessageView site={siteOf(c, ctx)} title="Already unsubscribed">
          <p>
            No digests are sent to <strong>{sub.email}</strong>. To receive them again, subscribe from the box at the bottom of any page.
          </p>
        </MessageView>,
      );
    }
    return c.html(<UnsubscribeView site={siteOf(c, ctx)} email={sub.email} action={`/unsubscribe/${token}`} />);
  });

  app.post('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const sub = await unsubscribe(db, ctx.secret, token, ctx.now());
    if (!sub) return badLink(c);
    return c.html(<UnsubscribedView site={siteOf(c, ctx)} email={sub.email} undo={`/unsubscribe/${token}/undo`} />);
  });

  // The signed link is the credential, as for the one-click POST (no cookie, no CSRF field).
  app.post('/unsubscribe/:token/undo', async (c) => {
    const token = c.req.param('token');
    const sub = await resubscribe(db, ctx.secret, token, ctx.now());
    if (!sub) return badLink(c);
    const prefs = subscriptionLink('', ctx.secret, 'digest-preferences', sub.id, ctx.now());
    return c.html(
      <MessageView site={siteOf(c, ctx)} title={sub.status === 'active' ? 'You are subscribed again' : 'Digests stay stopped'}>
        <p>
          {sub.status === 'active' ? (
            <>
              Digests go to <strong>{sub.email}</strong> again, with the preferences it had. <a href={prefs}>Your preferences</a>
            </>
          ) : (
            <>
              {sub.status === 'bounced' ? 'Mail to ' : sub.status === 'unsubscribed' ? 'An unsubscribe can be undone here only within the hour; ' : 'The subscription of '}
              <strong>{sub.email}</strong> {sub.status === 'bounced' ? 'bounced' : sub.status === 'unsubscribed' ? 'is unsubscribed' : 'was never confirmed'}.{' '}
              <a href="/subscribe">Subscribe again</a> to confirm the address.
            </>
          )}
        </p>
      </MessageView>,
    );
  });

  return app;
}
