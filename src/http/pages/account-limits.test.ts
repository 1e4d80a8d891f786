// Who a request comes from, over both dialects: the client address behind TRUST_PROXY (never a
// forged X-Forwarded-For), Secure cookies behind HTTPS, and the per-address and per-account
// limits on sign-up and password reset, which let the owner back in once the window has passed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { LIMITS } from '../../actions/rate-limit.ts';

const HOUR = 3_600_000;

/** A form post straight to the app, from a socket address, with any extra headers. */
async function postForm(t: TestApp, path: string, fields: Record<string, string>, opts: { socket: string; headers?: Record<string, string> }): Promise<Response> {
  const b = pageClient(t.app);
  await b.get(path);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const body = new URLSearchParams({ _csrf: b.csrf, ...fields });
  const env = { incoming: { socket: { remoteAddress: opts.socket } } };
  return t.app.request(path, { method: 'POST', body, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...opts.headers } }, env);
}

let seq = 0;
const freshEmail = () => `limits.${++seq}.${Math.random().toString(36).slice(2, 6)}@example.org`;

describe.each(DIALECTS)('client address and limits (%s)', (dialect) => {
  describe('without TRUST_PROXY (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, [], { TRUST_PROXY: '0' });
    });
    afterAll(async () => t.close());

    it('counts the socket address and ignores X-Forwarded-For, however it changes', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.signUpPerIp.max; i++) {
        const res = await postForm(t, '/signup', { name: 'Spammer', email: freshEmail(), password: 'long enough password' }, { socket: '192.0.2.10', headers: { 'x-forwarded-for': `10.0.${i}.1` } });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, LIMITS.signUpPerIp.max).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Another socket address is counted apart.
      expect((await postForm(t, '/signup', { name: 'Neighbour', email: freshEmail(), password: 'long enough password' }, { socket: '192.0.2.11' })).status).toBe(200);
    });

    it('does not believe X-Forwarded-Proto: the session cookie is not Secure on plain HTTP', async () => {
      await createUserDirect(t.database.db, { email: 'plain@example.org', password: 'correct horse battery', name: 'Plain', role: 'user' }, TEST_NOW);
      const res = await postForm(t, '/signin', { email: 'plain@example.org', password: 'correct horse battery' }, { socket: '192.0.2.12', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.status).toBe(303);
      const cookie = res.headers.getSetCookie().find((l) => l.startsWith('pb_session='));
      expect(cookie).toBeDefined();
      expect(cookie).not.toMatch(/;\s*Secure/i);
    });
  });

  describe('behind one trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, [], { TRUST_PROXY: '1' });
    });
    afterAll(async () => t.close());
    afterEach(() => {
      t.ctx.now = () => TEST_NOW;
      t.ctx.baseUrl = 'http://paperboy.test';
    });

    it('takes the address the proxy appended, not the ones the client wrote before it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.signUpPerIp.max; i++) {
        const res = await postForm(t, '/signup', { name: 'Spammer', email: freshEmail(), password: 'long enough password' }, { socket: '10.1.1.1', headers: { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.20` } });
        statuses.push(res.status);
      }
      expect(statuses.at(-2)).toBe(200);
      expect(statuses.at(-1)).toBe(429);
      const other = await postForm(t, '/signup', { name: 'Other', email: freshEmail(), password: 'long enough password' }, { socket: '10.1.1.1', headers: { 'x-forwarded-for': '198.51.100.21' } });
      expect(other.status).toBe(200);
    });

    it('marks cookies Secure when the proxy says HTTPS, or when PUBLIC_URL is https', async () => {
      await createUserDirect(t.database.db, { email: 'secure@example.org', password: 'correct horse battery', name: 'Secure', role: 'user' }, TEST_NOW);
      const signIn = (headers: Record<string, string>) => postForm(t, '/signin', { email: 'secure@example.org', password: 'correct horse battery' }, { socket: '10.1.1.1', headers });
      const session = (res: Response) => res.headers.getSetCookie().find((l) => l.startsWith('pb_session=')) ?? '';
      const plain = await signIn({ 'x-forwarded-for': '198.51.100.30' });
      expect(session(plain)).toMatch(/HttpOnly/i);
      expect(session(plain)).not.toMatch(/;\s*Secure/i);
      const viaProxy = await signIn({ 'x-forwarded-for': '198.51.100.30', 'x-forwarded-proto': 'https' });
      expect(session(viaProxy)).toMatch(/;\s*Secure/i);
      t.ctx.baseUrl = 'https://papers.example.org';
      const byUrl = await signIn({ 'x-forwarded-for': '198.51.100.31' });
      expect(session(byUrl)).toMatch(/;\s*Secure/i);
      expect(session(byUrl)).toMatch(/SameSite=Lax/i);
    });

    it(`limits sign-ups to ${LIMITS.signUpPerAccount.max} an hour per address mailed, from any IP, until the window passes`, async () => {
      const target = freshEmail();
      const before = t.mailer.sent.length;
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.signUpPerAccount.max + 1; i++) {
        const res = await postForm(t, '/signup', { name: 'Bomber', email: target, password: 'long enough password' }, { socket: '10.1.1.1', headers: { 'x-forwarded-for': `203.0.113.${100 + i}` } });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, LIMITS.signUpPerAccount.max)).toEqual(Array(LIMITS.signUpPerAccount.max).fill(200));
      expect(statuses.slice(LIMITS.signUpPerAccount.max)).toEqual([429, 429]);
      expect(t.mailer.sent.slice(before).filter((m) => m.to === target)).toHaveLength(LIMITS.signUpPerAccount.max);
      t.ctx.now = () => new Date(TEST_NOW.getTime() + HOUR + 60_000);
      const later = await postForm(t, '/signup', { name: 'Bomber', email: target, password: 'long enough password' }, { socket: '10.1.1.1', headers: { 'x-forwarded-for': '203.0.113.200' } });
      expect(later.status).toBe(200);
    });

    it(`limits sign-ups and resets per IP (${LIMITS.signUpPerIp.max} and ${LIMITS.resetPerIp.max} an hour), and lets the address back after the window`, async () => {
      for (const [path, max, fields] of [
        ['/signup', LIMITS.signUpPerIp.max, () => ({ name: 'Busy', email: freshEmail(), password: 'long enough password' })],
        ['/reset', LIMITS.resetPerIp.max, () => ({ email: freshEmail() })],
      ] as const) {
        t.ctx.now = () => TEST_NOW;
        const ip = path === '/signup' ? '198.51.100.40' : '198.51.100.41';
        const send = () => postForm(t, path, fields(), { socket: '10.1.1.1', headers: { 'x-forwarded-for': ip } });
        for (let i = 0; i < max; i++) expect((await send()).status, `${path} #${i + 1}`).toBe(200);
        const limited = await send();
        expect(limited.status, path).toBe(429);
        const wait = Number(limited.headers.get('retry-after'));
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(3600);
        t.ctx.now = () => new Date(TEST_NOW.getTime() + wait * 1000 + 1000);
        expect((await send()).status, `${path} after the window`).toBe(200);
      }
    });
  });
});
