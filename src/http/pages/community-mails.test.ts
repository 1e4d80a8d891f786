// The mails of invitations and claim decisions over both dialects: the invited account is mailed
// who invited it to which organization and where to answer (from the page and the API); the
// claimant is mailed a moderator's decision with the paper's link; nobody is mailed who is
// unconfirmed, banned or turned reply mails off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { invitationCast, invite } from '../../../test/org-invitations.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';
import { setReplyMails } from '../../db/reply-mail-settings.ts';

describe.each(DIALECTS)('mails of invitations and claim decisions (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let ada: Person;
  let bob: Person;
  let carol: Person;
  const mailsTo = async (p: Person) => {
    await t.ctx.mailLater.idle();
    return t.mailer.sent.filter((m) => m.to === p.email);
  };
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2501.40001', title: 'Engines of Analysis', authors: ['Ada Lovelace', 'Bob Builder'] })]);
    ({ admin, ada, bob, carol } = await invitationCast(t, ['lab']));
  });
  afterAll(async () => t.close());

  it('mails the invited account who invited it to which organization, with the link to answer', async () => {
    expect((await invite(admin, 'lab', ada, 'admin')).status).toBe(303);
    const [mail, ...more] = await mailsTo(ada);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Admin invited you to join The lab <b> on Paperboy');
    expect(mail?.text).toContain(`Admin (@${admin.user.handle}) invited you to join The lab <b> as an admin (who may invite members) on Paperboy.`);
    expect(mail?.text).toContain('http://paperboy.test/settings#invitations');
    expect(mail?.html).toContain('The lab &#60;b&#62;');
    expect(mail?.html).toContain('href="http://paperboy.test/settings#invitations"');
    expect(mail?.html).not.toContain('<b>');
  });

  it('mails an invitation made through the API too', async () => {
    const res = await admin.api('POST', '/api/orgs/lab/invitations', { handle: bob.user.handle });
    expect(res.status).toBe(201);
    expect((await mailsTo(bob)).map((m) => m.subject)).toEqual(['Admin invited you to join The lab <b> on Paperboy']);
  });

  it('mails nobody who turned reply mails off, is banned or is unconfirmed', async () => {
    const db = t.database.db;
    await setReplyMails(db, carol.user.id, false, TEST_NOW);
    expect((await invite(admin, 'lab', carol)).status).toBe(303);
    const dan = await person(t, 'Dan');
    await db.updateTable('users').set({ verified_at: null }).where('id', '=', dan.user.id).execute();
    expect((await invite(admin, 'lab', dan)).status).toBe(303);
    for (const p of [carol, dan]) expect(await mailsTo(p)).toEqual([]);
  });

  it("mails the claimant a moderator's decision with the paper's link", async () => {
    const mod = await person(t, 'Mod', 'moderator');
    const claimOf = async (p: Person, name: string) => {
      await p.b.get('/papers/2501.40001');
      expect((await p.b.post('/claims', { paperId: '2501.40001', authorName: name })).status).toBe(303);
      return (await t.database.db.selectFrom('author_claims').select('id').where('user_id', '=', p.user.id).executeTakeFirstOrThrow()).id;
    };
    const [adas, bobs] = [await claimOf(ada, 'Ada Lovelace'), await claimOf(bob, 'Bob Builder')];
    expect(await mailsTo(ada)).toHaveLength(1);
    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${adas}/approve`)).status).toBe(303);
    expect((await mod.api('POST', `/api/claims/${bobs}/reject`)).status).toBe(200);
    const [, approved] = await mailsTo(ada);
    expect(approved?.subject).toBe('Your claim to be Ada Lovelace was approved');
    expect(approved?.text).toContain('the author name Ada Lovelace on "Engines of Analysis" now links to your profile');
    expect(approved?.text).toContain('http://paperboy.test/papers/2501.40001');
    expect(approved?.html).toContain('href="http://paperboy.test/papers/2501.40001"');
    const [, rejected] = await mailsTo(bob);
    expect(rejected?.subject).toBe('Your claim to be Bob Builder was not approved');
    expect(rejected?.text).toContain('http://paperboy.test/papers/2501.40001');
    // A claimant banned meanwhile hears nothing.
    const fay = await person(t, 'Fay');
    const fays = await claimOf(fay, 'Ada Lovelace');
    await t.database.db.updateTable('users').set({ banned: 1 }).where('id', '=', fay.user.id).execute();
    expect((await mod.b.post(`/claims/${fays}/reject`)).status).toBe(303);
    expect(await mailsTo(fay)).toEqual([]);
  });
});
