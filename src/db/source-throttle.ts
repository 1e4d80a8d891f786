/**
 * Request slots of an outside source shared by every process on this store, so that two CLI
 * runs, `serve` and a CLI run, or two app nodes keep the source's rules together (arXiv: one
 * request every 3 seconds, one connection at a time). A process reads the source's row, waits
 * until it is free, then claims it with one conditional UPDATE that succeeds only if the row is
 * unchanged since the read (its `turn`); a lost race re-reads. The claimer holds the source
 * while its request runs and on release sets when the next request may start (the end of the
 * answer plus the interval, or a longer pause the source asked for). A hold that is never
 * released (a killed process) lapses after its bound, or at once when its holder is known dead.
 *
 * Every time is the database's clock, read in the same statement as the row: processes compare
 * no clocks of their own, so skew between nodes does not matter; only durations are waited locally.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** A stored time further ahead than this is a clock stepped back, not a real wait: ignore it. */
const HORIZON_MS = 3_600_000;

/** The database's clock in ms since 1970, evaluated where the statement runs. */
function dbNow(database: Database) {
  return database.dialect === 'postgres'
    ? sql<number>`floor(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000) as integer)`;
}

/** A source's row as one process sees it: how long until it is free, and the turn to claim it on. */
export interface SlotState {
  turn: number;
  /** 0 when free now. */
  waitMs: number;
  /** True while another request is in flight (its end may come sooner than waitMs). */
  held: boolean;
}

/** Reads a source's slot, creating the row on first use. */
export async function readSlot(database: Database, source: string, isDead: (holder: string) => boolean = () => false): Promise<SlotState> {
  const { db } = database;
  for (;;) {
    const row = await db
      .selectFrom('source_throttle')
      .select(['turn', 'next_at', 'holder', 'held_until', dbNow(database).as('now')])
      .where('source', '=', source)
      .executeTakeFirst();
    if (!row) {
      await db.insertInto('source_throttle').values({ source, next_at: 0, turn: 0 }).onConflict((oc) => oc.column('source').doNothing()).execute();
      continue;
    }
    const now = Number(row.now);
    const ahead = (t: number | null): number => (t === null || t - now > HORIZON_MS ? 0 : Math.max(0, t - now));
    const holdLeft = row.holder !== null && !isDead(row.holder) ? ahead(row.held_until === null ? null : Number(row.held_until)) : 0;
    return { turn: Number(row.turn), waitMs: Math.max(holdLeft, ahead(Number(row.next_at))), held: holdLeft > 0 };
  }
}

/**
 * Claims the slot read at `turn` for `holder` until `holdMs` from now; false when someone else
 * changed the row since (claimed or released it): read again.
 */
export async function claimSlot(database: Database, source: string, turn: number, holder: string, holdMs: number, intervalMs: number): Promise<boolean> {
  const now = dbNow(database);
  const r = await database.db
    .updateTable('source_throttle')
    .set({
      holder,
      held_until: sql<number>`${now} + ${holdMs}`,
      // Should the holder never release, the next request still waits the interval after the hold.
      next_at: sql<number>`${now} + ${intervalMs}`,
      turn: sql<number>`turn + 1`,
    })
    .where('source', '=', source)
    .where('turn', '=', turn)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Ends `holder`'s hold (if it is still theirs) and moves the next start to at least `waitMs`
 * from now. Never moves it earlier: another process's pause stays in force.
 */
export async function releaseSlot(database: Database, source: string, holder: string, waitMs: number): Promise<void> {
  const until = sql<number>`${dbNow(database)} + ${waitMs}`;
  await database.db
    .updateTable('source_throttle')
    .set({
      next_at: sql<number>`case when next_at > ${until} then next_at else ${until} end`,
      held_until: sql<number | null>`case when holder = ${holder} then null else held_until end`,
      holder: sql<string | null>`case when holder = ${holder} then null else holder end`,
      turn: sql<number>`turn + 1`,
    })
    .where('source', '=', source)
    .execute();
}

export interface SharedGateOptions {
  /** Least time from the end of one request to the start of the next. */
  intervalMs: number;
  /** Names this process in the holder column ("host:pid" so a dead holder on this host can be told). */
  owner?: string;
  /** Holders known to be dead (a killed process on this host): their hold is ignored. */
  isDead?: (holder: string) => boolean;
  /** How often to look again while another process holds the slot. Default: half a second at most. */
  pollMs?: number;
}

/**
 * A request gate (sources/http/request-gate.ts) over a source's row: acquire waits for the slot
 * and holds it; the release it returns ends the hold and sets the next start.
 */
export function sharedRequestGate(database: Database, source: string, opts: SharedGateOptions) {
  const owner = opts.owner ?? `${hostname()}:${process.pid}`;
  const pollMs = opts.pollMs ?? Math.min(500, opts.intervalMs);
  return {
    async acquire(holdMs: number): Promise<(pauseMs?: number) => Promise<void>> {
      const holder = `${owner}:${randomUUID()}`;
      for (;;) {
        const slot = await readSlot(database, source, opts.isDead);
        if (slot.waitMs > 0) {
          await sleep(slot.held ? Math.min(slot.waitMs, pollMs) : slot.waitMs);
        } else if (await claimSlot(database, source, slot.turn, holder, holdMs, opts.intervalMs)) {
          return (pauseMs = 0) => releaseSlot(database, source, holder, Math.max(opts.intervalMs, pauseMs));
        }
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));
}
