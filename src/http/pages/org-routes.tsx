/**
 * Organization pages: `/orgs` lists them and, a page at a time with a filter by name, the
 * organizations papers name, most often first (admins also get the create form), `/orgs/:handle` shows an organization's papers, members and total upvotes,
 * with forms for admins to assign papers and for admins and the organization's admins to invite
 * members (org-forms.tsx, org-invitation-routes.tsx), and the signed-in user's own invitation to
 * answer. A form that did not go through comes back on the page, beside the form, with its reason.
 */
import { type Context, Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { invitationsOf, invitationsTo, type PendingInvitation } from '../../actions/org-invitations.ts';
import { assignOrgPapers, canManageMembers, createOrganization, type Organization, type OrganizationView, removeOrgMember, viewOrganization } from '../../actions/organizations.ts';
import { namedOrganizations } from '../../actions/name-pages.ts';
import { listOrganizations } from '../../db/organizations.ts';
import { requireAdmin, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { alternateFeeds, FeedLinks, orgFeedPath } from './feed-links.tsx';
import { orForm } from './forms.ts';
import { CsrfField, Layout } from './layout.tsx';
import { namedOrgPath } from './name-links.tsx';
import { type AssignForm, AssignPapersForm, assignNotice, type InviteForm, InviteMemberForm } from './org-forms.tsx';
import { orgInvitationRoutes } from './org-invitation-routes.tsx';
import { PendingInvitations, YourInvitation } from './org-invitation-views.tsx';
import { withQuery } from './format.ts';
import { Pager } from './pager.tsx';
import { PaperList } from './paper-card.tsx';
import { type Site, siteOf } from './site.ts';

/** How many of the organizations papers name /orgs lists a page. */
const NAMED_PER_PAGE = 100;

/** An organization papers name, with how many of them do. */
export interface NamedOrganization {
  name: string;
  papers: number;
  /** Its page's handle, when it has one. */
  handle: string | undefined;
}

/** One page of the organizations papers name, and the filter by name it was read with. */
export interface NamedOrganizationsPage {
  named: NamedOrganization[];
  total: number;
  page: number;
  pages: number;
  filter: string;
}

/** The organizations with a page, then those papers name most often, with the create form for admins. */
export function OrgsView(props: { site: Site; orgs: Organization[] } & NamedOrganizationsPage) {
  const admin = props.site.user?.role === 'admin';
  const { filter } = props;
  const href = (n: number) => withQuery('/orgs', { name: filter, p: n > 1 ? n : undefined });
  return (
    <Layout site={props.site} title="Organizations">
      <h1>Organizations</h1>
      {props.orgs.length > 0 ? (
        <ul class="collection-list">
          {props.orgs.map((o) => (
            <li>
              <a href={`/orgs/${o.handle}`}>{o.name}</a> <span class="muted">@{o.handle}</span>
            </li>
          ))}
        </ul>
      ) : props.total === 0 && !filter ? (
        <p class="empty">No organizations yet: they appear here as papers naming them arrive.</p>
      ) : (
        <p>
          No organization has a page of its own yet
          {admin ? (
            <>
              {' '}
              (create one below or with <code>npx paperboy org create HANDLE "Name"</code>; papers whose organization matches its name are listed on it)
            </>
          ) : null}
          . Below are the organizations papers name most often.
        </p>
      )}
      {props.total > 0 || filter ? (
        <section aria-labelledby="named-orgs-title">
          <h2 id="named-orgs-title" class="section-title">
            Named most often on papers
          </h2>
          <form class="day-picker" method="get" action="/orgs">
            <label for="org-filter">Organization name</label>
            <input id="org-filter" type="search" name="name" value={filter} maxlength={120} />
            <button class="button small" type="submit">
              Filter
            </button>
            {filter ? <a href="/orgs">Show all</a> : null}
          </form>
          <p class="muted">
            {filter ? `${props.total} ${props.total === 1 ? 'name holds' : 'names hold'} “${filter}”` : `${props.total} ${props.total === 1 ? 'name' : 'names'}`}
          </p>
          <ul class="named-orgs">
            {props.named.map((o) => (
              <li>
                <a href={o.handle ? `/orgs/${o.handle}` : namedOrgPath(o.name)}>{o.name}</a>{' '}
                <span class="muted">
                  {o.papers} paper{o.papers === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
          <Pager page={props.page} pages={props.pages} href={href} />
        </section>
      ) : null}
      {props.site.user?.role === 'admin' ? (
        <form method="post" action="/orgs" class="form-page">
          <h2>New organization</h2>
          <CsrfField site={props.site} />
          <label for="org-handle">Handle</label>
          {/* The dash escaped: browsers compile `pattern` with the regex `v` flag, where a bare "-" in a class is an error. */}
          <input id="org-handle" name="handle" type="text" required maxlength={39} pattern={'[a-z0-9][a-z0-9\\-]*'} />
          <label for="org-name">Name</label>
          <input id="org-name" name="name" type="text" required maxlength={120} />
          <div class="actions">
            <button class="button primary" type="submit">
              Create
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}

/** The forms of an organization's page sent back with a notice or an error. */
export interface OrgForms {
  invite?: InviteForm;
  assign?: AssignForm;
}

/** One organization's page: `invitations` are those waiting (for its admins), `yours` the viewer's own. */
export function OrgView(props: OrganizationView & OrgForms & { site: Site; isAdmin: boolean; canAddMembers: boolean; invitations: PendingInvitation[]; yours: PendingInvitation | undefined }) {
  const { org, site } = props;
  return (
    <Layout site={site} title={org.name} description={org.description.slice(0, 200) || `Papers from ${org.name}`} feeds={alternateFeeds(orgFeedPath(org.handle), `Papers from ${org.name}`)}>
      <p class="kicker">Organization · @{org.handle}</p>
      <h1>{org.name}</h1>
      {org.description ? <p>{org.description}</p> : null}
      {props.yours ? <YourInvitation i={props.yours} /> : null}
      <p class="org-stats">
        {props.total} paper{props.total === 1 ? '' : 's'} · {props.upvotes} upvote{props.upvotes === 1 ? '' : 's'} in total
      </p>
      <section aria-labelledby="members-title">
        <h2 id="members-title" class="section-title">
          Members
        </h2>
        {props.members.length === 0 ? <p>No members yet.</p> : null}
        <ul class="members">
          {props.members.map((m) => {
            const self = m.handle === site.user?.handle;
            return (
              <li>
                <a href={`/users/${m.handle}`}>{m.name}</a>
                {m.role === 'admin' ? <span class="muted"> (admin)</span> : null}
                {props.canAddMembers || self ? (
                  <form
                    method="post"
                    action={`/orgs/${org.handle}/members/${m.handle}/remove`}
                    class="inline"
                    data-confirm={self ? `Leave ${org.name}?` : `Take ${m.name} off ${org.name}?`}
                  >
                    <CsrfField site={site} />
                    <button class="link" type="submit" aria-label={self ? `Leave ${org.name}` : `Remove ${m.name}`}>
                      {self ? 'Leave' : 'Remove'}
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
        <PendingInvitations invitations={props.invitations} />
        {props.canAddMembers ? <InviteMemberForm site={site} handle={org.handle} form={props.invite} /> : null}
      </section>
      {props.isAdmin ? <AssignPapersForm site={site} handle={org.handle} form={props.assign} /> : null}
      <section aria-labelledby="org-papers-title">
        <h2 id="org-papers-title" class="section-title">
          Papers
        </h2>
        {props.papers.length === 0 ? <p>No papers yet.</p> : <PaperList papers={props.papers} label={`Papers from ${org.name}`} />}
        <Pager page={props.page} pages={props.pages} href={(n) => (n > 1 ? `/orgs/${org.handle}?p=${n}` : `/orgs/${org.handle}`)} />
        <FeedLinks path={orgFeedPath(org.handle)} follow={{ kind: 'organization', value: org.name }} />
      </section>
    </Layout>
  );
}

const field = async (c: Context, name: string): Promise<string> => {
  const v = (await c.req.parseBody())[name];
  return typeof v === 'string' ? v : '';
};

/** Routes for organizations. */
export function orgRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.get('/orgs', async (c) => {
    const filter = (c.req.query('name') ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
    const page = parsePageNumber(c.req.query('p'));
    const [orgs, named] = await Promise.all([listOrganizations(db), namedOrganizations(db, { page, perPage: NAMED_PER_PAGE, contains: filter })]);
    return c.html(<OrgsView site={siteOf(c, ctx)} orgs={orgs} {...named} filter={filter} />);
  });
  app.post('/orgs', async (c) => {
    const admin = requireAdmin(c);
    const body = await c.req.parseBody();
    const org = await createOrganization(db, admin, { handle: body['handle'], name: body['name'] }, ctx.now());
    return c.redirect(`/orgs/${org.handle}`, 303);
  });
  /** An organization's page (one page of its papers), with any form sent back. */
  const orgPage = async (c: Context, handle: string, page: number, forms: OrgForms = {}) => {
    const user = c.get('user');
    const view = await viewOrganization(db, handle, page, ctx.config.pageSize);
    const [canAdd, invitations, mine] = await Promise.all([canManageMembers(db, user, view.org.handle), invitationsTo(db, user, view.org), user ? invitationsOf(db, user) : []]);
    const yours = mine.find((i) => i.orgHandle === view.org.handle);
    return c.html(<OrgView site={siteOf(c, ctx)} {...view} {...forms} isAdmin={user?.role === 'admin'} canAddMembers={canAdd} invitations={invitations} yours={yours} />);
  };
  app.get('/orgs/:handle', (c) => orgPage(c, c.req.param('handle'), parsePageNumber(c.req.query('p'))));
  app.post('/orgs/:handle/papers', async (c) => {
    const admin = requireAdmin(c);
    const handle = c.req.param('handle');
    const text = await field(c, 'ids');
    const ids = text.split(/[\s,]+/).filter(Boolean);
    return orForm(
      c,
      async () => {
        const r = await assignOrgPapers(db, admin, handle, ids, ctx.now());
        // Ids that name no paper stay in the field to correct (all that was typed when none did).
        const left = r.assigned === 0 ? text : r.notFound.join('\n');
        if (r.assigned === 0) c.status(404);
        return orgPage(c, handle, 1, { assign: { message: assignNotice(r), ids: left, failed: r.notFound.length > 0 || r.assigned === 0 } });
      },
      (error) => orgPage(c, handle, 1, { assign: { message: error, ids: text, failed: true } }),
    );
  });
  app.post('/orgs/:handle/members/:member/remove', async (c) => {
    const user = requireUser(c);
    await removeOrgMember(db, user, c.req.param('handle'), c.req.param('member'), ctx.now());
    return c.redirect(`/orgs/${c.req.param('handle').toLowerCase()}`, 303);
  });
  app.route('/', orgInvitationRoutes(ctx, (c, handle, invite) => orgPage(c, handle, 1, { invite })));
  return app;
}
