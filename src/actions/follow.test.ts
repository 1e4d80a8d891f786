// The follow limit holds exactly: at 49 followed items, two different follows sent at once add
// one, and the other is refused; the 51st is refused however it comes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { listFollows } from '../db/subscribers.ts';
import { insertUser, type User } from '../db/users.ts';
import { followForUser, startDigestForUser } from './follow.ts';
import { MAX_FOLLOWS, savePreferences } from './subscription-prefs.ts';

const NOW = new Date('2026-08-21T12:00:00Z');
const PREFS = { frequency: 'daily', hour: 8, timezone: 'UTC', weekends: 1, max_papers: 10, trending: 1 } as const;

describe.each(DIALECTS)('following, at the limit (%s)', (dialect) => {
  let t: TestDatabase;
  let user: User;
  let subscriberId: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    user = await insertUser(t.db, { email: 'ada@example.org', handle: 'ada', name: 'Ada', passwordHash: 'x', role: 'user', verified: true, now: NOW });
    subscriberId = await startDigestForUser(t.db, user, NOW);
    const follows = Array.from({ length: MAX_FOLLOWS - 1 }, (_, i) => ({ kind: 'topic' as const, value: `topic ${i}` }));
    await savePreferences(t.db, subscriberId, { prefs: PREFS, follows });
  });
  afterEach(() => t.drop());

  it(`keeps at most ${MAX_FOLLOWS} when two follows arrive at once`, async () => {
    for (let round = 0; round < 3; round++) {
      const both = await Promise.allSettled([
        followForUser(t.db, user, { kind: 'author', value: `Ada Lovelace ${round}` }, NOW),
        followForUser(t.db, user, { kind: 'category', value: 'cs.LG' }, NOW),
      ]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = both.find((r) => r.status === 'rejected');
      expect(refused?.reason).toMatchObject({ status: 400, code: 'too_many_follows' });
      expect(await listFollows(t.db, subscriberId)).toHaveLength(MAX_FOLLOWS);
      // Back to 49 for the next round.
      const follows = (await listFollows(t.db, subscriberId)).filter((f) => f.kind === 'topic');
      await savePreferences(t.db, subscriberId, { prefs: PREFS, follows });
    }
  });

  it('refuses the 51st follow', async () => {
    expect((await followForUser(t.db, user, { kind: 'author', value: 'Ada Lovelace' }, NOW)).added).toBe(true);
    await expect(followForUser(t.db, user, { kind: 'author', value: 'Alan Turing' }, NOW)).rejects.toMatchObject({ status: 400, code: 'too_many_follows' });
    // One already followed is no new item: no refusal.
    expect(await followForUser(t.db, user, { kind: 'author', value: 'Ada Lovelace' }, NOW)).toEqual({ subscriberId, added: false });
    // Nor is one in another case ("ada lovelace" typed, "Ada Lovelace" from an author page).
    expect(await followForUser(t.db, user, { kind: 'author', value: 'ada lovelace' }, NOW)).toEqual({ subscriberId, added: false });
    expect(await listFollows(t.db, subscriberId)).toHaveLength(MAX_FOLLOWS);
  });

  it('saves an item listed twice in different case once', async () => {
    await savePreferences(t.db, subscriberId, { prefs: PREFS, follows: [{ kind: 'author', value: 'Song Han' }, { kind: 'author', value: 'song han' }, { kind: 'topic', value: 'Song Han' }] });
    expect(await listFollows(t.db, subscriberId)).toEqual([{ kind: 'author', value: 'Song Han' }, { kind: 'topic', value: 'Song Han' }]);
  });
});
