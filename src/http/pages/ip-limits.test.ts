// The limits per client address and per account that the other tests do not reach, over both
// dialects: failed sign-ins per address (whatever the accounts), comments and submissions per
// address across several accounts, and reset mails per address mailed (from any client address).
// Past each limit the answer is a 429 with its retry time, and the window's end lets it through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createUserDirect, requestPasswordReset, signIn } from '../../actions/accounts.ts';
import { postComment } from '../../actions/comments.ts';
import { LIMITS } from '../../actions/rate-limit.ts';
import { submitPaper } from '../../actions/submit-paper.ts';
import type { User } from '../../db/users.ts';

const PASSWORD = 'correct horse battery';
const later = (ms: number) => new Date(TEST_NOW.getTime() + ms);

describe.each(DIALECTS)('limits per address (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.07001', title: 'Something to discuss', feedDate: '2026-08-20' })]);
  });
  afterAll(async () => t.close());

  let n = 0;
  const users = (count: number): Promise<User[]> =>
    Promise.all(Array.from({ length: count }, () => createUserDirect(t.database.db, { email: `limited${++n}@example.org`, password: PASSWORD, name: `Limited ${n}`, role: 'user' }, TEST_NOW)));
  const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ status: 429 });
  /**
   * Spends an address's whole budget (`perIp`) from several accounts, each within its own
   * (`perUser`); the last account is left with its own budget untouched.
   */
  const spendAcross = async (perIp: { max: number }, perUser: { max: number }, act: (user: User, n: number) => Promise<unknown>): Promise<User[]> => {
    const accounts = await users(Math.ceil(perIp.max / perUser.max) + 1);
    let n = 0;
    for (const user of accounts) for (let i = 0; i < perUser.max && n < perIp.max; i++, n++) await act(user, n);
    return accounts;
  };

  it(`allows ${LIMITS.signInPerIp.max} failed sign-ins per address in ${LIMITS.signInPerIp.windowMs / 60_000} minutes, whatever the accounts; successes spend none`, async () => {
    const accounts = await users(LIMITS.signInPerIp.max + 1);
    const ip = '198.51.100.201';
    // One failure each, a success between them: no account reaches its own limit, the address reaches its.
    for (const [i, u] of accounts.slice(0, LIMITS.signInPerIp.max).entries()) {
      await expect(signIn(t.database.db, { email: u.email, password: 'wrong password', ip, secret: t.ctx.secret }, TEST_NOW)).rejects.toMatchObject({ status: 401 });
      if (i < LIMITS.signInPerIp.max - 1) await expect(signIn(t.database.db, { email: u.email, password: PASSWORD, ip, secret: t.ctx.secret }, TEST_NOW)).resolves.toMatchObject({ user: { id: u.id } });
    }
    const last = accounts.at(-1)!;
    await refused(signIn(t.database.db, { email: last.email, password: PASSWORD, ip, secret: t.ctx.secret }, TEST_NOW));
    // Another address is not held back, and this one is let through once the window has passed.
    await expect(signIn(t.database.db, { email: last.email, password: PASSWORD, ip: '198.51.100.202', secret: t.ctx.secret }, TEST_NOW)).resolves.toBeDefined();
    await expect(signIn(t.database.db, { email: last.email, password: PASSWORD, ip, secret: t.ctx.secret }, later(LIMITS.signInPerIp.windowMs + 1000))).resolves.toBeDefined();
  });

  it(`allows ${LIMITS.commentPerIp.max} comments per address in ${LIMITS.commentPerIp.windowMs / 60_000} minutes across accounts`, async () => {
    const ip = '198.51.100.211';
    const accounts = await spendAcross(LIMITS.commentPerIp, LIMITS.commentPerUser, (user, n) => postComment(t.database.db, { user, paperId: '2608.07001', body: `Comment ${n}`, ip }, TEST_NOW));
    // The last account has its own budget left, but the address has none.
    await refused(postComment(t.database.db, { user: accounts.at(-1)!, paperId: '2608.07001', body: 'One too many', ip }, TEST_NOW));
    await expect(postComment(t.database.db, { user: accounts.at(-1)!, paperId: '2608.07001', body: 'From elsewhere', ip: '198.51.100.212' }, TEST_NOW)).resolves.toBeDefined();
  });

  it(`allows ${LIMITS.submitPerIp.max} submissions per address in ${LIMITS.submitPerIp.windowMs / 60_000} minutes across accounts`, async () => {
    const ip = '198.51.100.221';
    // The paper is already in a feed: each attempt counts, and points to it (no arXiv needed).
    const accounts = await spendAcross(LIMITS.submitPerIp, LIMITS.submitAttemptsPerUser, (user) =>
      expect(submitPaper(t.database.db, undefined, { id: '2608.07001', user, ip }, TEST_NOW)).resolves.toMatchObject({ existing: true }),
    );
    await refused(submitPaper(t.database.db, undefined, { id: '2608.07001', user: accounts.at(-1)!, ip }, TEST_NOW));
  });

  it(`mails at most ${LIMITS.resetPerAccount.max} reset links an hour to one address, from any client address`, async () => {
    const [u] = await users(1);
    const mail = { sent: [] as string[], send: (m: { to: string }) => void mail.sent.push(m.to) };
    for (let i = 0; i < LIMITS.resetPerAccount.max; i++) {
      await requestPasswordReset(t.database.db, mail, { email: u!.email, ip: `198.51.100.${230 + i}`, baseUrl: 'http://paperboy.test' }, TEST_NOW);
    }
    await refused(requestPasswordReset(t.database.db, mail, { email: u!.email, ip: '198.51.100.239', baseUrl: 'http://paperboy.test' }, TEST_NOW));
    expect(mail.sent).toEqual(Array(LIMITS.resetPerAccount.max).fill(u!.email));
    await requestPasswordReset(t.database.db, mail, { email: u!.email, ip: '198.51.100.239', baseUrl: 'http://paperboy.test' }, later(LIMITS.resetPerAccount.windowMs + 1000));
    expect(mail.sent).toHaveLength(LIMITS.resetPerAccount.max + 1);
  });
});
