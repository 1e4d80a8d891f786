/**
 * The accounts pages under /admin/users, for signed-in staff (moderators read the list and ban or
 * unban; administrators also change roles and delete; anyone else gets a 403): the list, and form
 * posts `POST /admin/users/:handle/role|ban|unban|delete` through the same actions as the API and
 * the command line. A done action goes back to the list as it was (search, filters, page) with a
 * notice; a refused one comes back on the account's row, or on the deletion's confirmation page.
 */
import { type Context, Hono } from 'hono';
import { listAccounts, parseAccountQuery } from '../../actions/account-directory.ts';
import { accountNamed, deleteAccountAsAdmin } from '../../actions/delete-account.ts';
import { moderateUser } from '../../actions/moderation.ts';
import { changeRole } from '../../actions/roles.ts';
import { badRequest } from '../../core/errors.ts';
import type { User } from '../../db/users.ts';
import { requireAdmin, requireModerator } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { returnPath, safeNext } from '../return-path.ts';
import { AdminUserDeleteView } from './admin-user-delete-page.tsx';
import { AdminUsersView, listPath, type RowError, USERS_PATH } from './admin-users-page.tsx';
import { type NoticeName, setNotice } from './flash-notice.tsx';
import { form, orForm } from './forms.ts';
import type { NoticeDetails } from './notice-details.ts';
import { siteOf } from './site.ts';

/** A path back to the list (its query kept), or the list itself for anything else. */
function listBack(path: string | undefined): string {
  const safe = safeNext(path);
  return new URL(safe, 'http://paperboy.invalid').pathname === USERS_PATH ? safe : USERS_PATH;
}

const queryOf = (path: string): Record<string, string> => Object.fromEntries(new URL(path, 'http://paperboy.invalid').searchParams);

/** Routes under /admin/users (mounted by the admin routes). */
export function adminUserRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  const listPage = async (c: Context, viewer: User, query: Record<string, string>, error?: RowError) => {
    const list = await listAccounts(db, viewer, parseAccountQuery(query));
    const back = listPath(list.query, list.page);
    return c.html(<AdminUsersView site={siteOf(c, ctx)} viewer={{ handle: viewer.handle, role: viewer.role }} list={list} back={back} {...(error ? { error } : {})} />);
  };

  /** Runs a row's action: back to the list with its notice (or where it says), or the list again with the refusal on the row. */
  const rowAction = async (c: Context, run: (actor: User, fields: Record<string, string>, handle: string) => Promise<NoticeName | { notice: NoticeName; to?: string; details?: NoticeDetails }>) => {
    const actor = requireModerator(c);
    const fields = await form(c);
    const back = listBack(await returnPath(c));
    const handle = c.req.param('handle') ?? '';
    return orForm(
      c,
      async () => {
        const done = await run(actor, fields, handle);
        if (typeof done === 'string') setNotice(c, ctx, done);
        else setNotice(c, ctx, done.notice, done.details);
        return c.redirect(typeof done === 'string' ? back : (done.to ?? back), 303);
      },
      (message) => listPage(c, actor, queryOf(back), { handle, message }),
    );
  };

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });

  app.get('/', async (c) => listPage(c, requireModerator(c), c.req.query()));

  app.post('/:handle/role', (c) =>
    rowAction(c, async (actor, fields, handle) => {
      const { user, was } = await changeRole(db, actor, { who: `@${handle}`, role: fields['role'] }, ctx.now());
      if (was === user.role) return 'admin-role-unchanged';
      const changed = { notice: 'admin-role-changed', details: { handle: user.handle, role: user.role } } as const;
      // Staff pages are no longer theirs: an administrator who made themselves a user goes home.
      return user.id === actor.id && user.role === 'user' ? { ...changed, to: '/' } : changed;
    }),
  );

  for (const op of ['ban', 'unban'] as const) {
    app.post(`/:handle/${op}`, (c) =>
      rowAction(c, async (actor, fields, handle) => {
        await moderateUser(db, actor, { handle, ban: op === 'ban', reason: fields['reason'] }, ctx.now());
        return op === 'ban' ? 'admin-banned' : 'admin-unbanned';
      }),
    );
  }

  const deletePage = async (c: Context, handle: string, back: string, error?: string) => {
    const account = await accountNamed(db, `@${handle}`);
    return c.html(<AdminUserDeleteView site={siteOf(c, ctx)} account={account} back={back} {...(error ? { error } : {})} />);
  };

  app.get('/:handle/delete', async (c) => {
    requireAdmin(c);
    return deletePage(c, c.req.param('handle'), listBack(c.req.query('back')));
  });

  app.post('/:handle/delete', async (c) => {
    const actor = requireAdmin(c);
    const fields = await form(c);
    const back = listBack(await returnPath(c));
    const handle = c.req.param('handle');
    return orForm(
      c,
      async () => {
        if (fields['confirm'] !== 'yes') throw badRequest('confirm_delete', `Tick the box to confirm that @${handle} is to be deleted for good.`);
        await deleteAccountAsAdmin(db, actor, `@${handle}`, ctx.now());
        setNotice(c, ctx, 'admin-deleted');
        return c.redirect(back, 303);
      },
      (message) => deletePage(c, handle, back, message),
    );
  });

  return app;
}
