/**
 * The mails of community steps that wait on someone: an invitation to an organization (to the
 * invited account, with the link to the settings where it is answered) and a moderator's decision
 * on an authorship claim (to the claimant, with the paper's link). Text and HTML, short.
 */
import type { RenderedMail } from './digest-mail.ts';
import { esc } from './html.ts';

const BUTTON = 'display:inline-block;padding:10px 16px;background:#2563eb;color:#ffffff;border-radius:6px;text-decoration:none';

function page(paragraphs: string[], button: { label: string; url: string }, foot: string): string {
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#111827">
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p><a href="${esc(button.url)}" style="${BUTTON}">${esc(button.label)}</a></p>
<p style="font-size:13px;color:#6b7280">${foot}</p>
</body></html>`;
}

/** What every such mail ends with: why it came, and where it stops. */
const footText = (siteName: string): string => `You get this mail because you have an account on ${siteName}. Turn these mails off with the reply mails in your settings.`;

export interface InvitationMailInput {
  siteName: string;
  orgName: string;
  role: 'member' | 'admin';
  /** Who invited, by name and handle; absent when their account is gone. */
  inviter?: { name: string; handle: string };
  /** Where the invitation is answered. */
  answerUrl: string;
  settingsUrl: string;
}

/** Tells an account that an organization invited it, and where to accept or decline. */
export function invitationMail(m: InvitationMailInput): RenderedMail {
  const who = m.inviter ? `${m.inviter.name} (@${m.inviter.handle})` : 'Someone';
  const as = m.role === 'admin' ? ' as an admin (who may invite members)' : '';
  const subject = `${m.inviter ? m.inviter.name : 'Someone'} invited you to join ${m.orgName} on ${m.siteName}`;
  const lead = `${who} invited you to join ${m.orgName}${as} on ${m.siteName}. Accept and you are listed among its members; decline and you are not.`;
  const text = `${lead}\n\nAccept or decline it here:\n${m.answerUrl}\n\n${footText(m.siteName)}\n${m.settingsUrl}\n`;
  const html = page([esc(lead)], { label: 'Accept or decline', url: m.answerUrl }, `${esc(footText(m.siteName))} <a href="${esc(m.settingsUrl)}">Settings</a>`);
  return { subject, text, html };
}

export interface ClaimDecisionMailInput {
  siteName: string;
  approved: boolean;
  authorName: string;
  paperTitle: string;
  paperUrl: string;
  settingsUrl: string;
}

/** Tells a claimant what a moderator decided on their claim to be an author of a paper. */
export function claimDecisionMail(m: ClaimDecisionMailInput): RenderedMail {
  const subject = m.approved ? `Your claim to be ${m.authorName} was approved` : `Your claim to be ${m.authorName} was not approved`;
  const lead = m.approved
    ? `A moderator approved your claim: the author name ${m.authorName} on "${m.paperTitle}" now links to your profile.`
    : `A moderator did not approve your claim to be the author ${m.authorName} of "${m.paperTitle}". The name stays as it was.`;
  const text = `${lead}\n\nThe paper:\n${m.paperUrl}\n\n${footText(m.siteName)}\n${m.settingsUrl}\n`;
  const html = page([esc(lead)], { label: 'Open the paper', url: m.paperUrl }, `${esc(footText(m.siteName))} <a href="${esc(m.settingsUrl)}">Settings</a>`);
  return { subject, text, html };
}
