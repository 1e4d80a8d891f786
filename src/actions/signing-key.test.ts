// Nodes of one store agree on their signing key: a node whose key differs from a live node's is
// refused with words that say which setting differs and where; a node that stopped (said so, was
// killed on this host, or was not seen for SIGNER_TTL_MS) no longer counts; two nodes that started
// in the same instant with different keys are told on the next renewal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { AppError } from '../core/errors.ts';
import { settingsStartingWith } from '../db/settings.ts';
import { announceSigner, joinSigners, keyFingerprint, otherSigners, SIGNER_TTL_MS, type Signer } from './signing-key.ts';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);
/** The error a start that must be refused throws. */
async function refusal(start: Promise<unknown>): Promise<AppError> {
  const err = await start.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

const quiet = { onMismatch: () => undefined, onError: (err: unknown) => { throw err; }, isDead: () => false };

describe.each(DIALECTS)('signing keys across nodes (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('the fingerprint tells keys apart and does not hold the key', () => {
    expect(keyFingerprint(KEY_A)).toBe(keyFingerprint(KEY_A));
    expect(keyFingerprint(KEY_A)).not.toBe(keyFingerprint(KEY_B));
    expect(keyFingerprint(KEY_A)).not.toContain('aaaa');
  });

  it('nodes with the same key all start; one with another key is refused, naming the setting and the node', async () => {
    const a = await joinSigners(t.db, KEY_A, false, { ...quiet, owner: 'host-a:1' });
    const b = await joinSigners(t.db, KEY_A, false, { ...quiet, owner: 'host-b:2' });
    const refused = await refusal(joinSigners(t.db, KEY_B, true, { ...quiet, owner: 'host-c:3' }));
    expect(refused.code).toBe('secret_key_mismatch');
    expect(refused.message).toMatch(/^SECRET_KEY is set here but not on the nodes already serving this store \(host-a:1, host-b:2\)/);
    expect(refused.message).toContain('Give every node the same SECRET_KEY');
    // The refused node leaves no entry behind.
    expect((await settingsStartingWith(t.db, 'signer ')).map((r) => r.name).sort()).toEqual(['signer host-a:1', 'signer host-b:2']);
    await a.stop();
    await b.stop();
    expect(await settingsStartingWith(t.db, 'signer ')).toEqual([]);
  });

  it('says which side lacks SECRET_KEY, or that both have different ones', async () => {
    const a = await joinSigners(t.db, KEY_A, true, { ...quiet, owner: 'host-a:1' });
    const unset = await refusal(joinSigners(t.db, KEY_B, false, { ...quiet, owner: 'host-b:2' }));
    expect(unset.message).toMatch(/^SECRET_KEY is not set here but is set on the node already serving this store \(host-a:1\)/);
    const other = await refusal(joinSigners(t.db, KEY_B, true, { ...quiet, owner: 'host-b:2' }));
    expect(other.message).toMatch(/^SECRET_KEY here differs from the SECRET_KEY of the node already serving this store \(host-a:1\)/);
    await a.stop();
  });

  it('once the node with the other key stopped, the new key is taken (a key changed on every node)', async () => {
    const old = await joinSigners(t.db, KEY_A, true, { ...quiet, owner: 'host-a:1' });
    await old.stop();
    const renewed = await joinSigners(t.db, KEY_B, true, { ...quiet, owner: 'host-a:2' });
    await renewed.stop();
  });

  it('a node not seen for the TTL, or a dead process of this host, no longer counts and its entry is removed', async () => {
    const now = new Date('2026-12-02T06:00:00Z');
    await announceSigner(t.db, KEY_A, true, { owner: 'gone-host:1', now: () => now });
    await announceSigner(t.db, KEY_A, true, { owner: 'this-host:2', now: () => now });
    // Seen just now: both count.
    expect((await otherSigners(t.db, KEY_B, { owner: 'me:9', now: () => now, isDead: () => false })).map((s) => s.owner).sort()).toEqual(['gone-host:1', 'this-host:2']);
    // Killed on this host: it stops counting at once.
    expect((await otherSigners(t.db, KEY_B, { owner: 'me:9', now: () => now, isDead: (o) => o === 'this-host:2' })).map((s) => s.owner)).toEqual(['gone-host:1']);
    // Not renewed for the TTL: gone as well.
    const later = new Date(now.getTime() + SIGNER_TTL_MS + 1);
    expect(await otherSigners(t.db, KEY_B, { owner: 'me:9', now: () => later, isDead: () => false })).toEqual([]);
    expect(await settingsStartingWith(t.db, 'signer ')).toEqual([]);
  });

  it('two nodes that started in the same instant with different keys are told on the next renewal, once', async () => {
    const told: Signer[][] = [];
    const a = await joinSigners(t.db, KEY_A, true, { ...quiet, owner: 'host-a:1', onMismatch: (_m, others) => told.push(others) });
    // host-b looked before host-a announced itself, and announced after: it runs with another key.
    await announceSigner(t.db, KEY_B, false, { owner: 'host-b:2' });
    await a.renew();
    await a.renew();
    expect(told).toEqual([[{ owner: 'host-b:2', fingerprint: keyFingerprint(KEY_B), configured: false }]]);
    await a.stop();
  });
});
