/**
 * The JSON API under /api: every module's routes, then a JSON 404 for anything else; a path called
 * with a method it does not take is a 405 (methods.ts). An answer to a signed-in caller stays out of
 * shared caches (private-answers.ts). A feature adds its module here.
 */
import { Hono } from 'hono';
import { notFound } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { accountApi } from './account.ts';
import { adminUsersApi } from './admin-users.ts';
import { claimsApi } from './claims.ts';
import { commentsApi } from './comments.ts';
import { moderationApi } from './moderation.ts';
import { namesApi } from './names.ts';
import { methodNotAllowed } from './methods.ts';
import { orgInvitationsApi } from './org-invitations.ts';
import { privateAnswers } from './private-answers.ts';
import { collectionsApi } from './collections.ts';
import { papersApi } from './papers.ts';
import { peopleApi } from './people.ts';
import { replyMailsApi } from './reply-mails.ts';
import { submissionsApi } from './submissions.ts';
import { votesApi } from './votes.ts';

/** All API routes. */
export function apiRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  // First, so that it also marks the 404s and 405s below.
  api.use('*', privateAnswers());
  api.use('*', methodNotAllowed(api, '/api'));
  api.route('/', votesApi(ctx));
  api.route('/', commentsApi(ctx));
  api.route('/', moderationApi(ctx));
  api.route('/', claimsApi(ctx));
  api.route('/', submissionsApi(ctx));
  api.route('/', collectionsApi(ctx));
  api.route('/', papersApi(ctx));
  api.route('/', peopleApi(ctx));
  api.route('/', namesApi(ctx));
  api.route('/', orgInvitationsApi(ctx));
  api.route('/', accountApi(ctx));
  api.route('/', replyMailsApi(ctx));
  api.route('/', adminUsersApi(ctx));
  api.all('*', () => {
    throw notFound('No such API endpoint');
  });
  return api;
}
