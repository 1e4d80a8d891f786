/** The mails of the subscription itself: the double opt-in confirmation and "already subscribed". */
import { esc } from './html.ts';
import type { RenderedMail } from './digest-mail.ts';

/** Asks the owner of an address to confirm a digest subscription (naming the section a visitor's Follow asked for with it). */
export function confirmationMail(siteName: string, confirmUrl: string, followLabel?: string): RenderedMail {
  const subject = `Confirm your ${siteName} digest subscription`;
  const ask = `Someone (hopefully you) asked to receive ${siteName}'s paper digest at this address${followLabel ? `, with a section for ${followLabel}` : ''}.`;
  const text = `${ask}\n\nConfirm the subscription:\n${confirmUrl}\n\nIf it was not you, ignore this mail: nothing will be sent without this confirmation.\n`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#111827">
<p>${esc(ask)}</p>
<p><a href="${esc(confirmUrl)}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#ffffff;border-radius:6px;text-decoration:none">Confirm the subscription</a></p>
<p style="font-size:13px;color:#6b7280">If it was not you, ignore this mail: nothing will be sent without this confirmation.</p>
</body></html>`;
  return { subject, text, html };
}

/**
 * Tells an already-confirmed subscriber where their preferences are. When someone asked to follow
 * an item with the address (a visitor's Follow button), the mail names it and carries the link
 * that adds it: nothing is added unless the mailbox's owner follows that link.
 */
export function alreadySubscribedMail(siteName: string, preferencesUrl: string, follow?: { label: string; url: string }): RenderedMail {
  // What to follow is anyone's text: the body names it, the subject does not carry it.
  const subject = follow ? `Add a section to your ${siteName} digest?` : `Your ${siteName} digest subscription`;
  const ask = follow ? `Someone (hopefully you) asked to follow ${follow.label} in ${siteName}'s digest at this address, which already receives it.` : '';
  const text = follow
    ? `${ask}\n\nAdd a section for it to your digest:\n${follow.url}\n\nIf it was not you, ignore this mail: your digest stays as it is.\n\nChange what you get or when, or unsubscribe:\n${preferencesUrl}\n`
    : `This address already receives ${siteName}'s digest.\n\nChange what you get or when, or unsubscribe:\n${preferencesUrl}\n`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#111827">
${
  follow
    ? `<p>${esc(ask)}</p>
<p><a href="${esc(follow.url)}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#ffffff;border-radius:6px;text-decoration:none">Add a section for it</a></p>
<p style="font-size:13px;color:#6b7280">If it was not you, ignore this mail: your digest stays as it is.</p>
`
    : `<p>This address already receives ${esc(siteName)}'s digest.</p>
`
}<p><a href="${esc(preferencesUrl)}">Change what you get or when, or unsubscribe</a></p></body></html>`;
  return { subject, text, html };
}
