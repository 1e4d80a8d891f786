/**
 * Organizations and people in the JSON API, as their pages show them (the same actions):
 * `GET /api/orgs`, `GET /api/orgs/:handle?p=&limit=` (totals, members and its papers a page at a
 * time) and `GET /api/users/:handle` (latest submissions, upvotes when public or one's own,
 * comments and public collections, or all of one's own).
 */
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { viewOrganization } from '../../actions/organizations.ts';
import { viewProfile } from '../../actions/profiles.ts';
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
    const { org, total, upvotes, members, page, pages, papers } = await viewOrganization(db, c.req.param('handle'), parsePageNumber(c.req.query('p')), perPage);
    return c.json({
      organization: { handle: org.handle, name: org.name, description: org.description, numPapers: total, upvotes, url: `${ctx.baseUrl}/orgs/${org.handle}` },
      members: members.map((m) => ({ handle: m.handle, name: m.name, role: m.role })),
      page,
      numPages: pages,
      papers: papers.map(toApiItem),
    });
  });

  api.get('/users/:handle', async (c) => {
    const { user, own, showUpvotes, activity, collections } = await viewProfile(db, c.req.param('handle'), c.get('user'));
    if (own) c.header('Cache-Control', 'no-store');
    return c.json({
      user: { handle: user.handle, name: user.name, role: user.role, createdAt: user.createdAt, url: `${ctx.baseUrl}/users/${user.handle}` },
      submissions: activity.submitted.map(toApiPaper),
      // null when the user keeps upvotes private (not an empty list, which would say something else).
      upvotes: showUpvotes ? activity.upvoted.map(toApiPaper) : null,
      comments: activity.comments.map((x) => ({ id: x.id, paperId: x.paperId, paperTitle: x.paperTitle, body: x.body, createdAt: x.createdAt })),
      collections: collections.map((col) => toApiCollection(ctx, col)),
    });
  });
  return api;
}
