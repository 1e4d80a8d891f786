/**
 * The signed link in every reply mail that turns these mails off for its account, without a
 * password or cookie (RFC 8058 one-click; signed for this purpose alone, so no other link of the
 * site works as one). The token's payload is the account id; it does not expire, as the digest's
 * unsubscribe link does not.
 */
import { signToken, verifyToken } from '../security/tokens.ts';

const PURPOSE = 'reply-mails-off';
export const REPLY_MAILS_OFF_PATH = '/reply-mails/off/';

/** The absolute link that turns an account's reply mails off. */
export function replyMailsOffLink(baseUrl: string, secret: string, userId: string): string {
  return `${baseUrl}${REPLY_MAILS_OFF_PATH}${signToken(secret, PURPOSE, userId)}`;
}

/** The account a link's token was signed for, or undefined when forged or altered. */
export function accountOfReplyMailsOff(secret: string, token: string): string | undefined {
  return verifyToken(secret, PURPOSE, token);
}
