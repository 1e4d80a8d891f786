/**
 * Helpers for community tests: confirmed accounts of any role signed in with their own page
 * client, an API token each, and JSON calls by token or by session with X-CSRF-Token; the link a
 * password reset mails; plus an arXiv client pointed at a replay server (virtual clock, no retries).
 */
import { createApiToken, createUserDirect } from '../src/actions/accounts.ts';
import type { Role } from '../src/db/schema.ts';
import type { User } from '../src/db/users.ts';
import { createArxivClient } from '../src/sources/arxiv/index.ts';
import { virtualClock } from '../src/sources/http/clock.ts';
import { createPoliteFetcher } from '../src/sources/http/polite-fetch.ts';
import { expect } from 'vitest';
import { linkIn, pageClient, type PageClient } from './client.ts';
import { TEST_NOW, type TestApp } from './context.ts';

const PASSWORD = 'correct horse battery';
let n = 0;

export interface Person {
  user: User;
  email: string;
  b: PageClient;
  /** A JSON call with the person's API token. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  /** A JSON call with the person's browser session; `csrf: false` leaves out X-CSRF-Token. */
  session(method: string, path: string, body?: unknown, opts?: { csrf?: boolean }): Promise<Response>;
}

/** A confirmed, signed-in account. */
export async function person(t: TestApp, name: string, role: Role = 'user'): Promise<Person> {
  n++;
  const email = `${name.toLowerCase().replace(/\W+/g, '.').replace(/^\.+|\.+$/g, '')}.${n}.${Math.random().toString(36).slice(2, 6)}@example.org`;
  const user = await createUserDirect(t.database.db, { email, password: PASSWORD, name, role }, TEST_NOW);
  const ip = `198.51.${Math.floor(n / 250)}.${n % 250}`;
  const b = pageClient(t.app, { ip });
  await b.get('/signin');
  const res = await b.post('/signin', { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  await b.get('/');
  const { token } = await createApiToken(t.database.db, user.id, 'tests', TEST_NOW);
  const json = (body: unknown) => (body === undefined ? {} : { body: JSON.stringify(body) });
  return {
    user,
    email,
    b,
    api: async (method, path, body) => t.app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': ip }, ...json(body) }),
    session: async (method, path, body, opts = {}) => {
      const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const headers: Record<string, string> = { cookie, 'content-type': 'application/json', 'x-forwarded-for': ip };
      if (opts.csrf !== false) headers['x-csrf-token'] = b.csrf;
      return t.app.request(path, { method, headers, ...json(body) });
    },
  };
}

/** Asks for a password reset from a fresh browser at this address; the path of the link it mails. */
export async function askReset(t: TestApp, email: string, ip: string): Promise<string> {
  const b = pageClient(t.app, { ip });
  await b.get('/reset');
  const before = t.mailer.sent.length;
  expect((await b.post('/reset', { email })).status).toBe(200);
  return linkIn(t.mailer.sent[before]?.text ?? '', t.ctx.baseUrl);
}

/** An arXiv client against a replay server's `/api/query`, without real waits or retries. */
export function replayArxiv(baseUrl: string) {
  const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:t@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock(), random: () => 0 });
  return createArxivClient({ fetcher, apiBaseUrl: `${baseUrl}/api/query` });
}
