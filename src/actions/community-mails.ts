/**
 * Mails that tell someone of a community step waiting on them or decided for them: an invitation
 * to an organization (to the invited account) and a moderator's decision on an authorship claim
 * (to the claimant). They go in the background, after the step's transaction, to an account that
 * is confirmed, not banned and has not turned reply mails off (the one switch for the mails other
 * people's actions cause; a permanent bounce turns it off too).
 */
import type { Kysely } from 'kysely';
import type { Claim } from '../db/claims.ts';
import type { PendingInvitation } from '../db/org-invitations.ts';
import { findPaper } from '../db/papers.ts';
import { type ReplyRecipient, replyRecipient } from '../db/reply-mail-settings.ts';
import type { DB } from '../db/schema.ts';
import type { MailLater } from '../mail/background.ts';
import { claimDecisionMail, invitationMail } from '../mail/community-mail.ts';
import { paperUrl } from '../mail/html.ts';

/** What sending these mails needs: the background sender, the site's address and name. */
export interface Notify {
  mail: Pick<MailLater, 'send'>;
  baseUrl: string;
  siteName: string;
}

const mayHear = (r: ReplyRecipient | undefined): r is ReplyRecipient => r !== undefined && !r.deleted && !r.banned && r.verified && r.enabled;

/** Mails the invited account of a just-stored invitation, if it may and wants to hear. */
export async function mailInvitation(db: Kysely<DB>, notify: Notify, userId: string, invitation: PendingInvitation): Promise<void> {
  const to = await replyRecipient(db, userId);
  if (!mayHear(to)) return;
  const settingsUrl = `${notify.baseUrl}/settings`;
  const mail = invitationMail({
    siteName: notify.siteName,
    orgName: invitation.orgName,
    role: invitation.role,
    ...(invitation.invitedBy ? { inviter: invitation.invitedBy } : {}),
    answerUrl: `${settingsUrl}#invitations`,
    settingsUrl: `${settingsUrl}#reply-mails`,
  });
  notify.mail.send({ to: to.email, ...mail });
}

/** Mails the claimant a moderator's decision (approved or rejected) on their claim. */
export async function mailClaimDecision(db: Kysely<DB>, notify: Notify, claim: Claim): Promise<void> {
  if (claim.status !== 'approved' && claim.status !== 'rejected') return;
  const [to, paper] = [await replyRecipient(db, claim.userId), await findPaper(db, claim.paperId)];
  if (!mayHear(to) || !paper) return;
  const mail = claimDecisionMail({
    siteName: notify.siteName,
    approved: claim.status === 'approved',
    authorName: claim.authorName,
    paperTitle: paper.title,
    paperUrl: paperUrl(notify.baseUrl, paper.id),
    settingsUrl: `${notify.baseUrl}/settings#reply-mails`,
  });
  notify.mail.send({ to: to.email, ...mail });
}
