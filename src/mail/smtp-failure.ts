/**
 * What a failed SMTP send means for the digest's recipient, from the fields nodemailer puts on its
 * errors (`responseCode`, `command`, `code`, `response`, `rejected`). Only a permanent refusal of
 * that one recipient is a bounce: a 5xx to RCPT TO, or a 5xx after DATA of the single-recipient
 * message, unless the enhanced status code (RFC 3463) blames the sender, security or the content.
 * A refused login, a refused sender, "relay access denied" or a 5xx to the greeting or EHLO is
 * the server refusing us, whoever the recipient: the run stops and nobody is marked bounced.
 * A server that cannot be reached at all (the mailer marks the error `serverUnreachable`: the
 * connection refused, no greeting, dropped before the session was ready, and a fresh session
 * failing too) is 'unreachable': no recipient's fault, and no fault of this mail either, so the
 * run stops and the mails wait for the server without counting the attempt.
 * Everything else (a connection dropped during one message, a timeout, 4xx, a 5xx that names no
 * address problem) is retried later.
 */

export type SmtpFailureKind = 'bounce' | 'retry' | 'stop' | 'unreachable';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  /** One line for the log and the outbox: code, command and the server's words. */
  reason: string;
}

interface NodemailerError {
  responseCode?: unknown;
  command?: unknown;
  code?: unknown;
  response?: unknown;
  message?: unknown;
  rejected?: unknown;
  serverUnreachable?: unknown;
}

// Basic codes that say "this mailbox": 550 unavailable, 551 not local, 553 name not allowed,
// 554 transaction failed (on RCPT TO or after DATA of a one-recipient message, that recipient).
const RECIPIENT_CODES = new Set([550, 551, 553, 554]);

/** Why a run stopped when the server could not be reached: "SMTP server unreachable, 3 digests left queued (…)". */
export function unreachableStop(queued: number, noun: string, reason: string): string {
  return `SMTP server unreachable, ${queued} ${noun}${queued === 1 ? '' : 's'} left queued (${reason})`;
}

/** Classifies an error from Mailer.send for the message to `recipient`. */
export function classifySmtpFailure(err: unknown, recipient: string): SmtpFailure {
  const e = (err ?? {}) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  const reason = describe(e, code, command);
  if (e.serverUnreachable === true) return { kind: 'unreachable', reason: `the SMTP server could not be reached (check SMTP_URL and the mail server): ${reason}` };
  if (e.code === 'EAUTH' || command.startsWith('AUTH')) return { kind: 'stop', reason: `the SMTP server refused the login (check SMTP_URL): ${reason}` };
  if (code === undefined || code < 500 || code >= 600) return { kind: 'retry', reason };
  if (command === 'MAIL FROM') return { kind: 'stop', reason: `the SMTP server refused the sender (check MAIL_FROM and SMTP_URL): ${reason}` };
  if (command !== 'RCPT TO' && command !== 'DATA') return { kind: 'stop', reason: `the SMTP server refused the session: ${reason}` };
  if (Array.isArray(e.rejected) && e.rejected.length > 0 && !e.rejected.some((a) => String(a).toLowerCase() === recipient.toLowerCase())) return { kind: 'retry', reason };
  // "Relay access denied" to a recipient means the server does not take mail from us unauthenticated.
  if (/\brelay/i.test(reason)) return { kind: 'stop', reason: `the SMTP server does not relay for us (check SMTP_URL's login): ${reason}` };
  const enhanced = /^\d{3}[ -]5\.(\d{1,3})\.(\d{1,3})\b/.exec(typeof e.response === 'string' ? e.response : '');
  if (enhanced) {
    const subject = Number(enhanced[1]);
    const detail = Number(enhanced[2]);
    // 5.1.7 and 5.1.8: the sender's address is bad. That is ours, for every recipient.
    if (subject === 1 && (detail === 7 || detail === 8)) return { kind: 'stop', reason: `the SMTP server refused the sender (check MAIL_FROM): ${reason}` };
    // 5.1.x addressing, 5.2.x the mailbox itself: this recipient. 5.7.x (relaying denied,
    // policy, spam), 5.6.x (content) and the rest are not proof that the address is dead.
    if (subject === 1 || subject === 2) return { kind: 'bounce', reason };
    return { kind: 'retry', reason };
  }
  return RECIPIENT_CODES.has(code) ? { kind: 'bounce', reason } : { kind: 'retry', reason };
}

function describe(e: NodemailerError, code: number | undefined, command: string): string {
  const words = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(e);
  const parts = [code && !words.startsWith(String(code)) ? String(code) : '', typeof e.code === 'string' ? e.code : '', command ? `at ${command}` : '', words];
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').slice(0, 500);
}
