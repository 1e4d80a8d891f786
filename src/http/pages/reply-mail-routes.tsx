/**
 * Reply mail routes: the settings checkbox (`POST /settings/reply-mails`, signed in, CSRF-checked)
 * and the link in every reply mail (`GET|POST /reply-mails/off/:token`). That POST is RFC 8058's
 * one-click endpoint: mail clients send it without cookies, so it is exempt from CSRF and
 * authenticated by its signed token; the GET only shows the button.
 */
import { Hono } from 'hono';
import { accountOfOffLink, saveReplyMails, turnOffByLink } from '../../actions/reply-mail-prefs.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { ReplyMailsMessageView, ReplyMailsOffView } from './reply-mail-pages.tsx';
import { siteOf } from './site.ts';

/** Routes of reply mails. */
export function replyMailRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  app.post('/settings/reply-mails', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    await saveReplyMails(db, user, body['on'] === '1', ctx.now());
    return c.redirect('/settings?saved=reply-mails#reply-mails', 303);
  });

  app.get('/reply-mails/off/:token', async (c) => {
    const token = c.req.param('token');
    const user = await accountOfOffLink(db, ctx.secret, token);
    if (!user) {
      c.status(404);
      return c.html(<ReplyMailsMessageView site={siteOf(c, ctx)} title="This link does not work" />);
    }
    return c.html(<ReplyMailsOffView site={siteOf(c, ctx)} handle={user.handle} action={`/reply-mails/off/${token}`} />);
  });

  app.post('/reply-mails/off/:token', async (c) => {
    const user = await turnOffByLink(db, ctx.secret, c.req.param('token'), ctx.now());
    if (!user) {
      c.status(404);
      return c.html(<ReplyMailsMessageView site={siteOf(c, ctx)} title="This link does not work" />);
    }
    return c.html(<ReplyMailsMessageView site={siteOf(c, ctx)} title="Reply mails are off" handle={user.handle} />);
  });

  return app;
}
