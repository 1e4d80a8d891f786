// Account enumeration by timing, over both dialects: sign-up and reset answer without waiting for
// the mail (a slow or failing mail server shows in the log, not in the answer), and a sign-up
// with a taken address pays for a password hash like a new one.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { mailLater } from '../../mail/background.ts';
import type { MailMessage, Mailer } from '../../mail/mailer.ts';
import * as passwords from '../../security/passwords.ts';
import { createApp } from '../app.ts';

vi.mock('../../security/passwords.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../security/passwords.ts')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

/** A mailer whose sends finish only when released (or fail, when told to). */
function slowMailer(): Mailer & { started: MailMessage[]; finished: number; release(): void; failNext: boolean } {
  let waiting: (() => void)[] = [];
  const m = {
    started: [] as MailMessage[],
    finished: 0,
    failNext: false,
    async send(message: MailMessage) {
      m.started.push(message);
      if (m.failNext) throw new Error('421 try again later');
      await new Promise<void>((resolve) => waiting.push(resolve));
      m.finished++;
      return { messageId: '<slow@test>' };
    },
    release() {
      for (const w of waiting) w();
      waiting = [];
    },
    close: () => undefined,
  };
  return m;
}

const timeout = (ms: number) => new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms));

describe.each(DIALECTS)('account timing (%s)', (dialect) => {
  let t: TestApp;
  const mailer = slowMailer();
  const logLines: string[] = [];
  let later: ReturnType<typeof mailLater>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
    later = mailLater(mailer, logger);
    app = createApp({ ...t.ctx, mailer, mailLater: later, logger });
    await createUserDirect(t.database.db, { email: 'known@example.org', password: 'correct horse battery', name: 'Known', role: 'user' }, TEST_NOW);
  });
  afterAll(async () => {
    mailer.release();
    await later.idle();
    await t.close();
  });

  it('answers a reset and a sign-up for a known address before the mail server does', async () => {
    const b = pageClient(app, { ip: '198.51.100.70' });
    await b.get('/reset');
    const reset = await Promise.race([b.post('/reset', { email: 'known@example.org' }), timeout(3000)]);
    expect(reset).not.toBe('timed out');
    expect((reset as Response).status).toBe(200);
    await b.get('/signup');
    const signUp = await Promise.race([b.post('/signup', { name: 'Known again', email: 'known@example.org', password: 'another long password' }), timeout(3000)]);
    expect(signUp).not.toBe('timed out');
    expect(await (signUp as Response).text()).toContain('We sent a mail to known@example.org');
    // Both mails were handed to the mail server and are still on their way.
    expect(mailer.started.map((m) => m.subject)).toEqual(['Reset your Paperboy password', 'Someone tried to sign up with your address']);
    expect(mailer.finished).toBe(0);
    mailer.release();
    await later.idle();
    expect(mailer.finished).toBe(2);
  });

  it('logs a mail that fails after the answer, and still answers as usual', async () => {
    mailer.failNext = true;
    const b = pageClient(app, { ip: '198.51.100.71' });
    await b.get('/reset');
    const res = await b.post('/reset', { email: 'known@example.org' });
    mailer.failNext = false;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('we sent it a link');
    await later.idle();
    const logged = logLines.map((l) => JSON.parse(l) as { msg: string; to: string; err: { message: string } }).find((l) => l.msg === 'sending a mail in the background failed');
    expect(logged).toMatchObject({ to: 'known@example.org', err: { message: '421 try again later' } });
  });

  it('hashes the password of a sign-up whether or not the address is taken', async () => {
    const hash = vi.mocked(passwords.hashPassword);
    const b = pageClient(app, { ip: '198.51.100.72' });
    await b.get('/signup');
    hash.mockClear();
    await b.post('/signup', { name: 'Taken', email: 'known@example.org', password: 'a third long password' });
    expect(hash).toHaveBeenCalledTimes(1);
    hash.mockClear();
    await b.post('/signup', { name: 'Fresh', email: 'fresh@example.org', password: 'a third long password' });
    expect(hash).toHaveBeenCalledTimes(1);
    mailer.release();
    await later.idle();
  });
});
