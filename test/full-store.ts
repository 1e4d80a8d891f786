/**
 * A store with rows in every table, made the way the site makes them (accounts signed in, votes,
 * a comment thread, an organization with a member and an invitation, a collection, a claim,
 * moderation, password and address changes, subscribers and their digests, ingestion state), for
 * tests that must see every table, such as copying a whole store.
 */
import { requestPasswordReset } from '../src/actions/accounts.ts';
import { requestEmailChange } from '../src/actions/change-email.ts';
import { claimAuthorship, decideAuthorship } from '../src/actions/claims.ts';
import { addToCollection, createCollection } from '../src/actions/collections.ts';
import { postComment } from '../src/actions/comments.ts';
import { moderateComment } from '../src/actions/moderation.ts';
import { inviteOrgMember } from '../src/actions/org-invitations.ts';
import { addOrgMember, createOrganization } from '../src/actions/organizations.ts';
import { submitPaper } from '../src/actions/submit-paper.ts';
import { vote } from '../src/actions/votes.ts';
import { saveCheckpoint, startRun } from '../src/db/ingest.ts';
import { enqueueDigests } from '../src/db/outbox.ts';
import { readSlot } from '../src/db/source-throttle.ts';
import { TEST_NOW, type TestApp } from './context.ts';
import { pageCorpus } from './app.ts';
import { paperInput } from './papers.ts';
import { person, type Person } from './signed-in.ts';
import { addSubscriber } from './subscribers.ts';

/** What the store holds, for checks on a copy of it. */
export interface FullStore {
  paperId: string;
  admin: Person;
  alice: Person;
  bob: Person;
  /** Comment bodies of the thread on paperId, a reply chain five deep. */
  thread: string[];
}

/** Fills a test app's store; the password of every account is test/signed-in.ts's. */
export async function fillStore(t: TestApp): Promise<FullStore> {
  const db = t.database.db;
  const now = TEST_NOW;
  const ip = '203.0.113.7';
  await t.add([...pageCorpus(), paperInput({ id: '2608.00190', feedDate: null })]);
  const paperId = '2608.00101';
  const admin = await person(t, 'Ada Admin', 'admin');
  const alice = await person(t, 'Alice Author');
  const bob = await person(t, 'Bob Reader');
  await vote(db, alice.user, paperId, true, now);
  await vote(db, bob.user, paperId, true, now);
  const thread = ['A first look', 'A reply', 'A reply to the reply', 'Deeper', 'Deepest'];
  let parentId: string | undefined;
  for (const [i, body] of thread.entries()) {
    const by = i % 2 === 0 ? alice : bob;
    parentId = (await postComment(db, { user: by.user, paperId, parentId, body, ip }, now)).id;
  }
  const hidden = await postComment(db, { user: bob.user, paperId, body: 'Spam', ip }, now);
  await moderateComment(db, admin.user, { commentId: hidden.id, hide: true, reason: 'spam' }, now);
  await submitPaper(db, undefined, { id: '2608.00190', user: alice.user, ip }, now);
  await createOrganization(db, admin.user, { handle: 'lab', name: 'The Lab' }, now);
  await addOrgMember(db, 'cli', 'lab', { member: `@${alice.user.handle}`, role: 'admin' }, now);
  await inviteOrgMember(db, alice.user, 'lab', { member: `@${bob.user.handle}` }, now);
  const reading = await createCollection(db, alice.user, { name: 'Reading', public: true }, now);
  await addToCollection(db, alice.user, reading.id, paperId, now);
  const claim = await claimAuthorship(db, alice.user, { paperId, authorName: 'Ada Lovelace' }, now);
  await decideAuthorship(db, admin.user, claim.id, 'approve', now);
  await requestPasswordReset(db, t.ctx.mailLater, { email: bob.email, ip, baseUrl: t.ctx.baseUrl }, now);
  await requestEmailChange(db, t.ctx.mailLater, alice.user, { email: 'alice.new@example.org', current: 'correct horse battery', ip, baseUrl: t.ctx.baseUrl, secret: t.ctx.secret }, now);
  // Reply mails switched off from the settings page (where the site offers the choice).
  await bob.b.get('/settings');
  await bob.b.post('/settings/reply-mails', { on: '0' });
  const subscriber = await addSubscriber(db, { weekends: 0 }, [{ kind: 'author', value: 'Ada Lovelace' }]);
  await enqueueDigests(db, [{ subscriber_id: subscriber, period: 'daily:2026-08-20', period_from: '2026-08-20', period_to: '2026-08-20' }], now.toISOString());
  await saveCheckpoint(db, 'hf-daily', { next: '2026-08-21' }, now);
  await startRun(db, 'hf-daily', { date: '2026-08-20' }, now);
  await readSlot(t.database, 'arxiv');
  return { paperId, admin, alice, bob, thread };
}
