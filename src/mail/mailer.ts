/**
 * The mailer every mail goes through (password resets, subscription confirmations, digests):
 * SMTP through nodemailer when SMTP_URL is set (STARTTLS when the server offers it), otherwise a
 * development transport that prints each mail to the log instead of sending it. A send that
 * failed because the server could not be reached at all (refused, silent, dropped us before or
 * while greeting) rejects with an error marked `serverUnreachable`.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** A fixed Message-ID (`<…@…>`), so a resent copy threads with the first in mail clients. */
  messageId?: string;
}

/** Sends mail; rejects with the transport's error (SMTP errors carry `responseCode`). */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** A mailer for SMTP_URL, or one that logs mails when it is unset. */
export function createMailer(opts: { smtpUrl?: string | undefined; from: string; logger: Logger; timeoutSeconds?: number }): Mailer {
  if (!opts.smtpUrl) {
    let n = 0;
    return {
      async send(m) {
        const messageId = `<dev-${Date.now()}-${++n}@paperboy.local>`;
        opts.logger.info({ to: m.to, subject: m.subject, messageId }, `mail (not sent: SMTP_URL is unset)\n${m.text}`);
        return { messageId };
      },
      close: () => undefined,
    };
  }
  // Bounded waits (SMTP_TIMEOUT_SECONDS): a hung server must fail the send well within a digest
  // claim's lease, which config.ts keeps at least twice as long.
  const timeout = (opts.timeoutSeconds ?? 60) * 1000;
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }, { from: opts.from });
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), ...(m.headers ? { headers: m.headers } : {}), ...(m.messageId ? { messageId: m.messageId } : {}) });
        return { messageId: info.messageId };
      } catch (err) {
        // nodemailer names every network failure "CONN", whether the server never answered or
        // dropped us in the middle of this message: a fresh session (connect, greeting, EHLO,
        // login) tells the two apart. If that fails too without an SMTP reply, the server is down.
        if (!hasReplyCode(err) && !(await transport.verify().then(() => true, (e: unknown) => hasReplyCode(e)))) throw markUnreachable(err);
        throw err;
      }
    },
    close: () => transport.close(),
  };
}

const hasReplyCode = (err: unknown): boolean => typeof (err as { responseCode?: unknown } | null)?.responseCode === 'number';

/** Marks a send's error as "the SMTP server could not be reached" (read by mail/smtp-failure.ts). */
function markUnreachable(err: unknown): unknown {
  if (err instanceof Error) return Object.assign(err, { serverUnreachable: true });
  return Object.assign(new Error(String(err)), { serverUnreachable: true });
}
