/**
 * The mails of an address change: the link to the new address, the "already has an account" note
 * sent there instead when it is taken, and the notice to the old address once the change is made.
 * Plain text. Only the first carries a link, and it does nothing but move the account that asked.
 */
import { utcTime } from '../core/utc-time.ts';

/** A mail's subject and text. */
export interface AccountMail {
  subject: string;
  text: string;
}

/** Asks the owner of the new address to confirm the move. */
export function emailChangeLinkMail(link: string, hours: number): AccountMail {
  return {
    subject: 'Confirm your new Paperboy address',
    text: `Someone (perhaps you) asked to use this address for their Paperboy account.\n\nTo confirm it, open this link within ${hours} hours and press the button on the page:\n\n${link}\n\nUntil then the account keeps its old address. If it was not you, ignore this mail: nothing changes.\n`,
  };
}

/** Tells the owner of an address that already has an account that another account asked for it; nothing changes. */
export function emailTakenMail(baseUrl: string): AccountMail {
  return {
    subject: 'Someone tried to move a Paperboy account to your address',
    text: `Someone (perhaps you) asked to move another Paperboy account to this address, which already has an account of its own. Nothing was changed, and your account stays as it is.\n\nSign in: ${baseUrl}/signin\n`,
  };
}

/** Tells the old address that the account moved away from it. No link: whoever reads it may not be the owner any more. */
export function emailChangedNotice(handle: string, when: Date): AccountMail {
  return {
    subject: 'Your Paperboy address was changed',
    text: `The Paperboy account @${handle} stopped using this address on ${utcTime(when)}: its owner confirmed a new one. Mail for the account goes there from now on.\n\nIf you did not ask for this, tell the site's administrators.\n`,
  };
}
