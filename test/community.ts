/**
 * Helpers for discussion and moderation tests: members of each role signed in with their own
 * browser (page client) and address, API tokens, and JSON calls with a token or a session.
 */
import { createApiToken, createUserDirect } from '../src/actions/accounts.ts';
import type { Role } from '../src/db/schema.ts';
import type { User } from '../src/db/users.ts';
import { pageClient, type PageClient } from './client.ts';
import { TEST_NOW, type TestApp } from './context.ts';

const PASSWORD = 'correct horse battery';
let n = 0;

export interface Member {
  user: User;
  b: PageClient;
  token: string;
  /** A JSON call authenticated by the member's API token. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Creates a confirmed account of a role, signs it in from its own address, and gives it a token. */
export async function member(t: TestApp, name: string, role: Role = 'user'): Promise<Member> {
  n++;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${n}@example.org`;
  const user = await createUserDirect(t.database.db, { email, password: PASSWORD, name, role }, TEST_NOW);
  const b = pageClient(t.app, { ip: `198.18.${Math.floor(n / 250)}.${n % 250}` });
  await b.get('/signin');
  const res = await b.post('/signin', { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  await b.get('/');
  const { token } = await createApiToken(t.database.db, user.id, 'tests', TEST_NOW);
  const api = async (method: string, path: string, body?: unknown): Promise<Response> =>
    t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': `198.19.0.${n % 250}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { user, b, token, api };
}

/** The comment id a form post redirected to (`...#comment-ID`). */
export function commentIdOf(res: Response): string {
  const m = /#comment-([\w-]+)$/.exec(res.headers.get('location') ?? '');
  if (!m) throw new Error(`no comment in redirect: ${res.status} ${res.headers.get('location')}`);
  return m[1] as string;
}
