/**
 * An account's reply mails: reading and saving its choice (the settings form), and turning them
 * off from the signed link every reply mail carries (reply-mail-links.ts).
 */
import type { Kysely } from 'kysely';
import { type ReplyMailSetting, replyMailSetting, setReplyMails } from '../db/reply-mail-settings.ts';
import type { DB } from '../db/schema.ts';
import { findUserById, type User } from '../db/users.ts';
import { accountOfReplyMailsOff } from './reply-mail-links.ts';

/** Whether the account gets reply mails (on unless turned off), and a bounce that turned them off. */
export function replyMailsOf(db: Kysely<DB>, user: User): Promise<ReplyMailSetting> {
  return replyMailSetting(db, user.id);
}

/** Saves the account's choice; turning them on also forgets a bounce. */
export function saveReplyMails(db: Kysely<DB>, user: User, on: boolean, now: Date): Promise<void> {
  return setReplyMails(db, user.id, on, now);
}

/** The account a turn-off link names, if the link is genuine and the account still exists. */
export async function accountOfOffLink(db: Kysely<DB>, secret: string, token: string): Promise<User | undefined> {
  const id = accountOfReplyMailsOff(secret, token);
  return id ? findUserById(db, id) : undefined;
}

/** Turns reply mails off for the account a link names; that account, or undefined for a bad link. */
export async function turnOffByLink(db: Kysely<DB>, secret: string, token: string, now: Date): Promise<User | undefined> {
  const user = await accountOfOffLink(db, secret, token);
  if (user) await setReplyMails(db, user.id, false, now);
  return user;
}
