// The reply mails' turn-off link works for its own purpose only: a token of the same account and
// secret signed for any other link of the site (unsubscribe, preferences, address change,
// confirmation) is not one, and neither is a token altered to name another account.
import { describe, expect, it } from 'vitest';
import { signToken } from '../security/tokens.ts';
import { accountOfReplyMailsOff, replyMailsOffLink } from './reply-mail-links.ts';

const SECRET = 'a test secret of enough length';

describe('reply mails off link', () => {
  it('names the account it was signed for', () => {
    const token = replyMailsOffLink('https://p.example', SECRET, 'user-1').split('/').pop() ?? '';
    expect(accountOfReplyMailsOff(SECRET, token)).toBe('user-1');
    expect(accountOfReplyMailsOff('another secret of enough length', token)).toBeUndefined();
  });

  it('refuses tokens signed for other purposes, and one altered to name another account', () => {
    for (const purpose of ['digest-unsubscribe', 'digest-preferences', 'digest-confirm', 'email-change', 'verify-email', 'known-device']) {
      expect(accountOfReplyMailsOff(SECRET, signToken(SECRET, purpose, 'user-1')), purpose).toBeUndefined();
    }
    const [, sig] = signToken(SECRET, 'reply-mails-off', 'user-1').split('.');
    const body = Buffer.from(JSON.stringify(['user-2', 0])).toString('base64url');
    expect(accountOfReplyMailsOff(SECRET, `${body}.${sig}`)).toBeUndefined();
  });
});
