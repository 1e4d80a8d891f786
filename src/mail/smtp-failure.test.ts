// Which SMTP failures are the recipient's bounce, which stop the run (refused, unreachable), and which are retried.
import { describe, expect, it } from 'vitest';
import { classifySmtpFailure } from './smtp-failure.ts';

/** An error shaped like nodemailer's. */
const smtpError = (fields: { code?: string; command?: string; response?: string; rejected?: string[] }) =>
  Object.assign(new Error(fields.response ?? 'failed'), fields, fields.response ? { responseCode: Number(fields.response.slice(0, 3)) } : {});

const TO = 'reader@example.org';
const kind = (fields: Parameters<typeof smtpError>[0]) => classifySmtpFailure(smtpError(fields), TO).kind;

describe('classifySmtpFailure', () => {
  it('bounces only a permanent refusal of the recipient', () => {
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 No such user', rejected: [TO] })).toBe('bounce');
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '553 mailbox name not allowed', rejected: ['Reader@Example.org'] })).toBe('bounce');
    expect(kind({ code: 'EMESSAGE', command: 'DATA', response: '550 No such user here' })).toBe('bounce');
    expect(kind({ code: 'EMESSAGE', command: 'DATA', response: '554 5.2.1 Mailbox disabled' })).toBe('bounce');
  });

  it('stops the run when the server refuses us, whoever the recipient', () => {
    expect(kind({ code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 Authentication credentials invalid' })).toBe('stop');
    expect(kind({ code: 'EENVELOPE', command: 'MAIL FROM', response: '553 5.7.1 Sender address rejected' })).toBe('stop');
    expect(kind({ code: 'EENVELOPE', command: 'MAIL FROM', response: '550 Sender unknown' })).toBe('stop');
    expect(kind({ code: 'EPROTOCOL', command: 'CONN', response: '554 No SMTP service here' })).toBe('stop');
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '554 5.7.1 <reader@example.org>: Relay access denied', rejected: [TO] })).toBe('stop');
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.8 Bad sender address domain', rejected: [TO] })).toBe('stop');
    expect(classifySmtpFailure(smtpError({ code: 'EAUTH', command: 'AUTH PLAIN', response: '535 Invalid login' }), TO).reason).toMatch(/refused the login.*535/);
  });

  it('an unreachable server (as the mailer marks it) is neither a bounce nor a retry of this mail', () => {
    expect(classifySmtpFailure(Object.assign(smtpError({ code: 'ESOCKET', command: 'CONN' }), { serverUnreachable: true }), TO)).toMatchObject({ kind: 'unreachable', reason: expect.stringMatching(/could not be reached.*ESOCKET/) });
  });

  it('retries what may pass later or does not prove the address dead', () => {
    expect(kind({ code: 'ECONNECTION', command: 'CONN' })).toBe('retry');
    expect(kind({ code: 'ETIMEDOUT', command: 'CONN' })).toBe('retry');
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '450 4.2.1 Mailbox busy', rejected: [TO] })).toBe('retry');
    expect(kind({ code: 'EMESSAGE', command: 'DATA', response: '451 Try again later' })).toBe('retry');
    expect(kind({ code: 'EMESSAGE', command: 'DATA', response: '554 5.7.1 Message rejected as spam' })).toBe('retry');
    expect(kind({ code: 'EMESSAGE', command: 'DATA', response: '552 5.3.4 Message too big' })).toBe('retry');
    expect(kind({ code: 'EENVELOPE', command: 'RCPT TO', response: '550 No such user', rejected: ['someone-else@example.org'] })).toBe('retry');
    expect(classifySmtpFailure(new Error('socket closed'), TO).kind).toBe('retry');
    expect(classifySmtpFailure(undefined, TO).kind).toBe('retry');
  });
});
