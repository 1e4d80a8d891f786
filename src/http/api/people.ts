/**
 * Organizations and people in the JSON API, as their pages show them (the same actions):
 * `GET /api/orgs`, `GET /api/orgs/:handle?p=&limit=` (totals, members and its papers a page at a
 * time), `GET /api/users/:handle` (latest submissions, upvotes when public or one's own and
 * comments, each with its total, public collections, or all of one's own, claimed author names and
 * organizations) and
 * `GET /api/users/:handle/submitted|upvoted|comments?p=&limit=` (one list a page at a time).
 */
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { viewOrganization } from '../../actions/organizations.ts';
import { PROFILE_ITEMS, PROFILE_LISTS, type ProfileComment, type ProfileList, viewProfile, viewProfileList } from '../../actions/profiles.ts';
import { notFound } from '../../core/errors.ts';
import { parsePaging } from '../../actions/search-papers.ts';
import { listOrganizations } from '../../db/organizations.ts';
import type { AppContext } from '../context.ts';
import { toApiCollection } from './collections.ts';
import { toApiItem, toApiPaper } from './serialize.ts';

/** Routes under /api for organizations and user profiles. */
export function peopleApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/orgs', async (c) => c.json((await listOrganizations(db)).map((o) => ({ handle: o.handle, name: o.name, description: o.description, url: `${ctx.baseUrl}/orgs/${o.handle}` }))));

  api.get('/orgs/:handle', async (c) => {
    const limit = c.req.query('limit');
    const { limit: perPage } = parsePaging(limit === undefined ? {} : { limit }, { limit: ctx.config.pageSize });
    const { org, total, upvotes, members, page, pages, papers } = await viewOrganization(db, c.req.param('handle'), parsePageNumber(c.req.query('p')), perPage, 'empty');
    return c.json({
      organization: { handle: org.handle, name: org.name, description: org.description, numPapers: total, upvotes, url: `${ctx.baseUrl}/orgs/${org.handle}` },
      members: members.map((m) => ({ handle: m.handle, name: m.name, role: m.role })),
      page,
      numPages: pages,
      papers: papers.map(toApiItem),
    });
  });

  api.get('/users/:handle', async (c) => {
    const { user, own, showUpvotes, activity, collections, authorNames, organizations } = await viewProfile(db, c.req.param('handle'), c.get('user'));
    if (own) c.header('Cache-Control', 'no-store');
    return c.json({
      user: apiUser(user),
      submissions: activity.submitted.items.map(toApiPaper),
      numSubmissions: activity.submitted.total,
      // null when the user keeps upvotes private (not an empty list, which would say something else).
      upvotes: showUpvotes ? activity.upvoted.items.map(toApiPaper) : null,
      numUpvotes: showUpvotes ? activity.upvoted.total : null,
      comments: activity.comments.items.map(apiComment),
      numComments: activity.comments.total,
      collections: collections.map((col) => toApiCollection(ctx, col)),
      // As on the profile page: the author names approved claims hold, and the user's organizations.
      authorNames: authorNames.map((name) => ({ name, url: `${ctx.baseUrl}/authors/${encodeURIComponent(name)}` })),
      organizations: organizations.map((o) => ({ handle: o.handle, name: o.name, role: o.role, url: `${ctx.baseUrl}/orgs/${o.handle}` })),
    });
  });

  api.get('/users/:handle/:list', async (c) => {
    const list = c.req.param('list') as ProfileList;
    if (!PROFILE_LISTS.includes(list)) throw notFound('There is no such list: use submitted, upvoted or comments.');
    const limit = c.req.query('limit');
    const { limit: perPage } = parsePaging(limit === undefined ? {} : { limit }, { limit: PROFILE_ITEMS });
    const view = await viewProfileList(db, c.req.param('handle'), c.get('user'), list, parsePageNumber(c.req.query('p')), perPage, 'empty');
    if (view.own) c.header('Cache-Control', 'no-store');
    const items = view.list === 'comments' ? view.items.map(apiComment) : view.items.map(toApiPaper);
    return c.json({ user: apiUser(view.user), list, page: view.page, numPages: view.pages, total: view.total, items });
  });
  return api;

  function apiUser(user: { handle: string; name: string; role: string; createdAt: string }) {
    return { handle: user.handle, name: user.name, role: user.role, createdAt: user.createdAt, url: `${ctx.baseUrl}/users/${user.handle}` };
  }
}

const apiComment = (x: ProfileComment) => ({ id: x.id, paperId: x.paperId, paperTitle: x.paperTitle, body: x.body, createdAt: x.createdAt });
