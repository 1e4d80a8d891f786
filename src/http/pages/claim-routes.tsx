/**
 * Claiming authorship on the site: the form on a paper's page (a paper extension that also links
 * approved author names to profiles), `POST /claims` to file a claim, and `/claims`, where
 * moderators approve or reject pending claims (a claim contesting someone else's link says so) and
 * revoke approved ones (each decision goes to the audit log). Only administrators see claimants'
 * addresses there, as on /admin/users.
 */
import { Hono } from 'hono';
import { claimAuthorship, decideAuthorship, revokeAuthorship } from '../../actions/claims.ts';
import { approvedClaims, authorLinksOf, pendingClaims, userClaimsOnPaper } from '../../db/claims.ts';
import { requireModerator, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { formatDate, paperPath, tidy } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { renderInlineMath } from './math.ts';
import type { PaperExtension } from './paper-extension.ts';
import { type Site, siteOf } from './site.ts';

type Pending = Awaited<ReturnType<typeof pendingClaims>>;
type Approved = Awaited<ReturnType<typeof approvedClaims>>;

/** A button that posts to a claim's decision route. */
function DecisionButton(props: { site: Site; id: string; op: 'approve' | 'reject' | 'revoke'; label: string; primary?: boolean }) {
  return (
    <form method="post" action={`/claims/${props.id}/${props.op}`} class="inline">
      <CsrfField site={props.site} />
      <button class={props.primary ? 'button small primary' : 'button small'} type="submit">
        {props.label}
      </button>
    </form>
  );
}

/** The moderators' queue of pending claims, and the approved ones to revoke. */
export function ClaimsView(props: { site: Site; claims: Pending; approved: Approved }) {
  // Addresses are for administrators only, as on /admin/users; moderators see the handle.
  const showEmails = props.site.user?.role === 'admin';
  return (
    <Layout site={props.site} title="Authorship claims">
      <h1>Authorship claims</h1>
      {props.claims.length === 0 ? <p>No claims are waiting.</p> : null}
      <ul class="claims">
        {props.claims.map((cl) => (
          <li>
            <p>
              <a href={`/users/${cl.handle}`}>{cl.name}</a> (@{cl.handle}
              {showEmails ? `, ${cl.email}` : ''}) claims to be <strong>{cl.author_name}</strong> on{' '}
              <a href={paperPath(cl.paper_id)}>{renderInlineMath(tidy(cl.title))}</a> <span class="muted">· {formatDate(cl.created_at.slice(0, 10))}</span>
            </p>
            {cl.linked_handle && cl.linked_claim_id ? (
              <div class="notice">
                This contests the name's link to <a href={`/users/${cl.linked_handle}`}>@{cl.linked_handle}</a>: approving it takes the name from them.{' '}
                <DecisionButton site={props.site} id={cl.linked_claim_id} op="revoke" label={`Revoke @${cl.linked_handle}'s link`} />
              </div>
            ) : null}
            <DecisionButton site={props.site} id={cl.id} op="approve" label={cl.linked_handle ? `Approve (replaces @${cl.linked_handle})` : 'Approve'} primary />{' '}
            <DecisionButton site={props.site} id={cl.id} op="reject" label="Reject" />
          </li>
        ))}
      </ul>
      <h2>Approved claims</h2>
      {props.approved.length === 0 ? <p>No author name is linked to a profile.</p> : null}
      <ul class="claims approved-claims">
        {props.approved.map((cl) => (
          <li>
            <a href={`/users/${cl.handle}`}>{cl.name}</a> (@{cl.handle}) is <strong>{cl.author_name}</strong> on <a href={paperPath(cl.paper_id)}>{renderInlineMath(tidy(cl.title))}</a>{' '}
            <DecisionButton site={props.site} id={cl.id} op="revoke" label="Revoke" />
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
    const [claims, approved] = await Promise.all([pendingClaims(db), approvedClaims(db)]);
    return c.html(<ClaimsView site={siteOf(c, ctx)} claims={claims} approved={approved} />);
  });
  app.post('/claims/:id/:decision{approve|reject|revoke}', async (c) => {
    const moderator = requireModerator(c);
    const decision = c.req.param('decision');
    if (decision === 'revoke') await revokeAuthorship(db, moderator, c.req.param('id'), ctx.now());
    else await decideAuthorship(db, moderator, c.req.param('id'), decision, ctx.now(), { mail: ctx.mailLater, baseUrl: ctx.baseUrl, siteName: ctx.config.siteName });
    return c.redirect('/claims', 303);
  });
  return app;
}

/** What the paper page tells a user about their live claim; `linkedTo` is whom the name links to now. */
function claimStatus(status: string, authorName: string, linkedTo: string | undefined): string {
  if (status === 'approved') return `You are linked to the author ${authorName}.`;
  if (linkedTo) return `Your claim to be ${authorName} is waiting for a moderator. The name is linked to @${linkedTo} for now; a moderator will decide between your claims.`;
  return `Your claim to be ${authorName} is waiting for a moderator.`;
}

/** Author links from approved claims, and the claim form (or the user's claim status). */
export const claimExtension: PaperExtension = async (c, ctx, paper, site) => {
  const db = ctx.database.db;
  const authorLinks = await authorLinksOf(db, paper.id);
  const user = c.get('user');
  if (!user || paper.authors.length === 0) return { authorLinks };
  const mine = await userClaimsOnPaper(db, user.id, paper.id);
  const live = mine.find((m) => m.status === 'pending' || m.status === 'approved');
  if (live) {
    return {
      authorLinks,
      actions: <p class="notice" role="status">{claimStatus(live.status, live.authorName, authorLinks[live.authorName])}</p>,
    };
  }
  // A name already linked can be claimed too: the claim goes to a moderator to decide between the two.
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
            {paper.authors.map((a) => (
              <option value={a}>{authorLinks[a] ? `${a} (linked to @${authorLinks[a]}: a moderator will decide)` : a}</option>
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
