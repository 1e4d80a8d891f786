/**
 * Moderation routes for browsers: the /moderation page, and form posts that hide or show a paper
 * or comment and ban or unban an account (`POST /moderation/:kind/:op` with the target in `id`,
 * since paper ids may hold a slash). Moderators and admins only; everyone else gets a 403. A ban
 * the form cannot do (no such handle, an administrator) comes back on the page, beside the form,
 * with what was typed.
 */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { moderateComment, moderatePaper, moderateUser } from '../../actions/moderation.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { countAudit, listAudit } from '../../db/audit.ts';
import { parsePageNumber } from '../../actions/feed.ts';
import { listHiddenComments } from '../../db/comments.ts';
import { listBannedUsers, listHiddenPapers } from '../../db/moderation.ts';
import { handlesByIds } from '../../db/users.ts';
import { requireModerator } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { commentHref } from './comments-section.tsx';
import { auditUserIds } from './audit-table.tsx';
import { type BanForm, ModerationView } from './moderation-page.tsx';
import { siteOf } from './site.ts';

const NOTICES: Record<string, string> = {
  'paper-hide': 'The paper is hidden: it is gone from feeds, search and its page.',
  'paper-unhide': 'The paper is visible again.',
  'comment-unhide': 'The comment is visible again.',
  'user-ban': 'The account is banned and signed out everywhere.',
  'user-unban': 'The account is no longer banned.',
};

async function field(c: Context, name: string): Promise<string> {
  const v = (await c.req.parseBody())[name];
  return typeof v === 'string' ? v : '';
}

/** A handle as typed in the form: handles are shown as "@handle", so a leading @ is welcome. */
const handleOf = (typed: string): string => typed.trim().replace(/^@\s*/, '');

/** Entries of the audit log per page of /moderation (older ones on ?p=2 and on). */
export const AUDIT_PAGE = 100;

/** Routes under /moderation. */
export function moderationRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;

  /** The page, its audit log at page `auditPage` (the newest AUDIT_PAGE entries first). */
  const page = async (c: Context, extra: { notice?: string; ban?: BanForm }, auditPage = 1) => {
    const [audit, auditCount, hiddenPapers, hiddenComments, banned] = await Promise.all([
      listAudit(db, AUDIT_PAGE, (auditPage - 1) * AUDIT_PAGE),
      countAudit(db),
      listHiddenPapers(db, 200),
      listHiddenComments(db, 200),
      listBannedUsers(db, 200),
    ]);
    const handles = await handlesByIds(db, auditUserIds(audit));
    const auditPages = { page: auditPage, pages: Math.max(1, Math.ceil(auditCount / AUDIT_PAGE)) };
    return c.html(<ModerationView site={siteOf(c, ctx)} data={{ audit, auditPages, handles, hiddenPapers, hiddenComments, banned }} {...extra} />);
  };

  app.get('/moderation', async (c) => {
    requireModerator(c);
    const notice = NOTICES[c.req.query('done') ?? ''];
    return page(c, notice ? { notice } : {}, parsePageNumber(c.req.query('p')));
  });

  app.post('/moderation/:kind/:op', async (c) => {
    const actor = requireModerator(c);
    const { kind, op } = c.req.param();
    const id = (await field(c, 'id')).trim();
    const reason = await field(c, 'reason');
    const now = ctx.now();
    if (kind === 'paper' && (op === 'hide' || op === 'unhide')) {
      await moderatePaper(db, actor, { paperId: id, hide: op === 'hide', reason }, now);
    } else if (kind === 'comment' && (op === 'hide' || op === 'unhide')) {
      const r = await moderateComment(db, actor, { commentId: id, hide: op === 'hide', reason }, now);
      if (op === 'hide') return c.redirect(commentHref(r.paperId, r.id), 303);
    } else if (kind === 'user' && (op === 'ban' || op === 'unban')) {
      const handle = handleOf(id);
      try {
        if (!handle) throw new AppError(400, 'handle_required', 'Type the handle of the account to ban, such as @ada-lovelace.');
        await moderateUser(db, actor, { handle, ban: op === 'ban', reason }, now);
      } catch (err) {
        // Not forms.ts's orForm on purpose: only a ban has a form to come back to (an unban is a
        // button in the list), and a 404 names the handle that was typed.
        if (op !== 'ban' || !(err instanceof AppError) || err.status >= 500) throw err;
        c.status(err.status as ContentfulStatusCode);
        const error = err.status === 404 ? `No account has the handle @${handle}.` : err.message;
        return page(c, { ban: { handle: id, reason, error } });
      }
    } else {
      throw notFound('There is no page at this address.');
    }
    return c.redirect(`/moderation?done=${kind}-${op}`, 303);
  });

  return app;
}
