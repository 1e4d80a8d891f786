/**
 * Every node of one store must sign with one key: a form, a sign-up confirmation or a digest's
 * unsubscribe link that one node signs is checked by whichever node the next request reaches.
 * With SECRET_KEY set on one node and not on another (or set differently), each half of the
 * requests would fail with "this form has expired" or a dead link, and no node would know why.
 * So each `serve` process keeps a row in the settings table, `signer HOST:PID` holding its key's
 * fingerprint (an HMAC of a fixed text, which reveals nothing of the key), whether the key comes
 * from SECRET_KEY, and until when the row holds; it renews the row while it runs and removes it
 * when it stops. A process that finds a live row with another fingerprint refuses to start, and
 * one that finds such a row later (two nodes started in the same instant) logs it as an error.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { DB } from '../db/schema.ts';
import { deleteSetting, putSetting, settingsStartingWith } from '../db/settings.ts';
import { deadOnThisHost, processOwner } from './ingest/process-owner.ts';

const PREFIX = 'signer ';

/** How long a row holds without renewal: a node on another host that died stops counting after this. */
export const SIGNER_TTL_MS = 90_000;

/** How often a live node renews its row (and looks at the others'): well within SIGNER_TTL_MS. */
export const SIGNER_RENEW_MS = 30_000;

/** A process that signs: who it is, its key's fingerprint, and whether SECRET_KEY set the key. */
export interface Signer {
  owner: string;
  fingerprint: string;
  configured: boolean;
}

export interface SignerOptions {
  /** This process, as "host:pid" (default: processOwner()). */
  owner?: string;
  /** True for an owner known to be dead, a killed process of this host (default: deadOnThisHost). */
  isDead?: (owner: string) => boolean;
  now?: () => Date;
}

/** A short fingerprint of a signing key: equal keys give equal fingerprints; the key cannot be read back. */
export function keyFingerprint(secret: string): string {
  return createHmac('sha256', secret).update('paperboy signing-key fingerprint').digest('base64url').slice(0, 16);
}

/** The live processes of this store (but this one) that sign with a key other than `secret`. */
export async function otherSigners(db: Kysely<DB>, secret: string, opts: SignerOptions = {}): Promise<Signer[]> {
  const owner = opts.owner ?? processOwner();
  const isDead = opts.isDead ?? deadOnThisHost;
  const now = (opts.now ?? (() => new Date()))().getTime();
  const mine = keyFingerprint(secret);
  const others: Signer[] = [];
  for (const row of await settingsStartingWith(db, PREFIX)) {
    const who = row.name.slice(PREFIX.length);
    const [fingerprint, until, source] = row.value.split(' ');
    if (who === owner) continue;
    // A row that lapsed, or whose process of this host is gone, is a node that stopped without saying so.
    if (!fingerprint || !(Date.parse(until ?? '') > now) || isDead(who)) {
      await deleteSetting(db, row.name);
      continue;
    }
    if (fingerprint !== mine) others.push({ owner: who, fingerprint, configured: source === 'configured' });
  }
  return others;
}

/** Records (or renews) that this process signs with `secret`. */
export async function announceSigner(db: Kysely<DB>, secret: string, configured: boolean, opts: SignerOptions = {}): Promise<void> {
  const owner = opts.owner ?? processOwner();
  const until = new Date((opts.now ?? (() => new Date()))().getTime() + SIGNER_TTL_MS).toISOString();
  await putSetting(db, `${PREFIX}${owner}`, `${keyFingerprint(secret)} ${until} ${configured ? 'configured' : 'stored'}`);
}

/** Removes this process's row, as it stops. */
export async function withdrawSigner(db: Kysely<DB>, opts: Pick<SignerOptions, 'owner'> = {}): Promise<void> {
  await deleteSetting(db, `${PREFIX}${opts.owner ?? processOwner()}`);
}

/** What is wrong, in words an administrator acts on, when live nodes sign with another key. */
export function signerMismatch(others: Signer[], configured: boolean): string {
  const where = `${others.length === 1 ? 'the node' : 'the nodes'} already serving this store (${others.map((o) => o.owner).join(', ')})`;
  const theyConfigured = others.some((o) => o.configured);
  const what =
    configured && theyConfigured
      ? `SECRET_KEY here differs from the SECRET_KEY of ${where}`
      : configured
        ? `SECRET_KEY is set here but not on ${where}, which ${others.length === 1 ? 'signs' : 'sign'} with the key kept in the store`
        : theyConfigured
          ? `SECRET_KEY is not set here but is set on ${where}`
          : `the signing key here differs from that of ${where}`;
  return (
    `${what}: forms, confirmation links and digest links signed by one node would be refused by the other. ` +
    'Give every node the same SECRET_KEY (or SECRET_KEY_FILE), or set it on none (they then share the key kept in the store). ' +
    `A node that stopped without saying so stops counting ${SIGNER_TTL_MS / 1000} seconds after it was last seen.`
  );
}

/**
 * Joins the store's signers for as long as this process serves: refuses (an AppError) when a live
 * node signs with another key; then renews its row every SIGNER_RENEW_MS, calling `onMismatch`
 * once for each node with another key that it sees later. `stop()` removes the row.
 */
export async function joinSigners(
  db: Kysely<DB>,
  secret: string,
  configured: boolean,
  opts: SignerOptions & { onMismatch: (message: string, others: Signer[]) => void; onError: (err: unknown) => void },
): Promise<{ renew(): Promise<void>; stop(): Promise<void> }> {
  // Announced before looking: of two processes starting in the same instant, the one that looks
  // last sees the other, so at least one of them refuses.
  await announceSigner(db, secret, configured, opts);
  const others = await otherSigners(db, secret, opts);
  if (others.length > 0) {
    await withdrawSigner(db, opts);
    throw new AppError(500, 'secret_key_mismatch', signerMismatch(others, configured));
  }
  const told = new Set<string>();
  const renew = async (): Promise<void> => {
    await announceSigner(db, secret, configured, opts);
    const fresh = (await otherSigners(db, secret, opts)).filter((o) => !told.has(o.owner));
    for (const o of fresh) told.add(o.owner);
    if (fresh.length > 0) opts.onMismatch(signerMismatch(fresh, configured), fresh);
  };
  const timer = setInterval(() => void renew().catch(opts.onError), SIGNER_RENEW_MS);
  timer.unref();
  return {
    renew,
    stop: async () => {
      clearInterval(timer);
      await withdrawSigner(db, opts);
    },
  };
}
