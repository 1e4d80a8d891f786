/**
 * Claiming authorship on the site: the form on a paper's page (a paper extension that also links
 * approved author names to profiles), `POST /claims` to file a claim, and `/claims`, where
 * moderators approve or reject pending claims (each decision goes to the audit log).
 */
import { Hono } from 'hono';
import { claimAuthorship, decideAuthorship } from '../../actions/claims.ts';
import { authorLinksOf, pendingClaims, userClaimsOnPaper } from '../../db/claims.ts';
import { requireModerator, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { formatDate, paperPath, tidy } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { renderInlineMath } from './math.ts';
import type { PaperExtension } from './paper-extensions.tsx';
import { type Site, siteOf } from './site.ts';

type Pending = Awaited<ReturnType<typeof pendingClaims>>;

/** The moderators' queue of pending claims. */
export function ClaimsView(props: { site: Site; claims: Pending }) {
  return (
    <Layout site={props.site} title="Authorship claims">
      <h1>Authorship claims</h1>
      {props.claims.length === 0 ? <p>No claims are waiting.</p> : null}
      <ul class="claims">
        {props.claims.map((cl) => (
          <li>
            <p>
              <a href={`/users/${cl.handle}`}>{cl.name}</a> ({cl.email}) claims to be <strong>{cl.author_name}</strong> on{' '}
              <a href={paperPath(cl.paper_id)}>{renderInlineMath(tidy(cl.title))}</a> <span class="muted">· {formatDate(cl.created_at.slice(0, 10))}</span>
            </p>
            <form method="post" action={`/claims/${cl.id}/approve`} class="inline">
              <CsrfField site={props.site} />
              <button class="button small primary" type="submit">
                Approve
              </button>
            </form>{' '}
            <form method="post" action={`/claims/${cl.id}/reject`} class="inline">
              <CsrfField site={props.site} />
              <button class="button small" type="submit">
                Reject
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** Routes for claims. */
export function claimRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.post('/claims', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    const claim = await claimAuthorship(db, user, { paperId: body['paperId'], authorName: body['authorName'] }, ctx.now());
    return c.redirect(`${paperPath(claim.paperId)}?claimed=1`, 303);
  });
  app.get('/claims', async (c) => {
    requireModerator(c);
    return c.html(<ClaimsView site={siteOf(c, ctx)} claims={await pendingClaims(db)} />);
  });
  app.post('/claims/:id/:decision{approve|reject}', async (c) => {
    const moderator = requireModerator(c);
    await decideAuthorship(db, moderator, c.req.param('id'), c.req.param('decision'), ctx.now());
    return c.redirect('/claims', 303);
  });
  return app;
}

/** Author links from approved claims, and the claim form (or the user's claim status). */
export const claimExtension: PaperExtension = async (c, ctx, paper, site) => {
  const db = ctx.database.db;
  const authorLinks = await authorLinksOf(db, paper.id);
  const user = c.get('user');
  if (!user || paper.authors.length === 0) return { authorLinks };
  const mine = await userClaimsOnPaper(db, user.id, paper.id);
  const live = mine.find((m) => m.status !== 'rejected');
  if (live) {
    return {
      authorLinks,
      actions: <p class="notice" role="status">{live.status === 'approved' ? `You are linked to the author ${live.authorName}.` : `Your claim to be ${live.authorName} is waiting for a moderator.`}</p>,
    };
  }
  const open = paper.authors.filter((a) => !authorLinks[a]);
  if (open.length === 0) return { authorLinks };
  return {
    authorLinks,
    actions: (
      <details class="claim-authorship">
        <summary class="button">I am an author</summary>
        <form method="post" action="/claims" class="form-page">
          <CsrfField site={site} />
          <input type="hidden" name="paperId" value={paper.id} />
          <label for="claim-author">Which author are you?</label>
          <select id="claim-author" name="authorName">
            {open.map((a) => (
              <option value={a}>{a}</option>
            ))}
          </select>
          <p class="hint">A moderator checks the claim; your name then links to your profile.</p>
          <div class="actions">
            <button class="button primary" type="submit">
              Claim authorship
            </button>
          </div>
        </form>
      </details>
    ),
  };
};
