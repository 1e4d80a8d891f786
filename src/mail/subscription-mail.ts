/** The mails of the subscription itself: the double opt-in confirmation and "already subscribed". */
import { esc } from './html.ts';
import type { RenderedMail } from './digest-mail.ts';

/** Asks the owner of an address to confirm a digest subscription. */
export function confirmationMail(siteName: string, confirmUrl: string): RenderedMail {
  const subject = `Confirm your ${siteName} digest subscription`;
  const text = `Someone (hopefully you) asked to receive ${siteName}'s paper digest at this address.\n\nConfirm the subscription:\n${confirmUrl}\n\nIf it was not you, ignore this mail: nothing will be sent without this confirmation.\n`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#111827">
<p>Someone (hopefully you) asked to receive ${esc(siteName)}'s paper digest at this address.</p>
<p><a href="${esc(confirmUrl)}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#ffffff;border-radius:6px;text-decoration:none">Confirm the subscription</a></p>
<p style="font-size:13px;color:#6b7280">If it was not you, ignore this mail: nothing will be sent without this confirmation.</p>
</body></html>`;
  return { subject, text, html };
}

/** Tells an already-confirmed subscriber where their preferences are. */
export function alreadySubscribedMail(siteName: string, preferencesUrl: string): RenderedMail {
  const subject = `Your ${siteName} digest subscription`;
  const text = `This address already receives ${siteName}'s digest.\n\nChange what you get or when, or unsubscribe:\n${preferencesUrl}\n`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#111827">
<p>This address already receives ${esc(siteName)}'s digest.</p>
<p><a href="${esc(preferencesUrl)}">Change what you get or when, or unsubscribe</a></p></body></html>`;
  return { subject, text, html };
}
