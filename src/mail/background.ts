/**
 * Mail sent without keeping the request waiting: the account mails (address confirmations, "someone
 * tried to sign up", password resets), whose sending time would otherwise tell a visitor whether
 * an address has an account, and the digest's subscription confirmations, so a slow mail server
 * does not hold the page. Each send starts at once; a failure is logged (the visitor has been
 * answered already), never thrown. `idle()` waits for the sends in flight, for a clean shutdown.
 */
import type { Logger } from '../logger.ts';
import type { MailMessage, Mailer } from './mailer.ts';

/** Sends mail in the background. */
export interface MailLater {
  /** Starts sending and returns at once. */
  send(message: MailMessage): void;
  /** Resolves when every send started so far has finished (or failed). */
  idle(): Promise<void>;
}

/** Background sending through a mailer; failures go to the log with the recipient and subject. */
export function mailLater(mailer: Mailer, logger: Logger): MailLater {
  const inFlight = new Set<Promise<void>>();
  return {
    send(message) {
      let started: Promise<unknown>;
      try {
        started = mailer.send(message);
      } catch (err) {
        started = Promise.reject(err);
      }
      const sending = started
        .then(
          () => undefined,
          (err: unknown) => logger.error({ err, to: message.to, subject: message.subject }, 'sending a mail in the background failed'),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
