/**
 * The bundled sample corpus: two years of Hugging Face Daily Papers plus the 323-paper sample,
 * loaded by `serve` on first run when the store is empty (never by other commands), by one process
 * of the nodes that start together (the claim is a setting, see SAMPLE_SETTING). Hugging Face
 * gives no arXiv categories, so the sample ships those it has from arXiv's metadata
 * (arxiv-categories.tsv.gz, built by scripts/sample-categories) and they are applied after the
 * papers, so category filters work from the first start.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { addCategoriesWhereMissing } from '../db/paper-categories.ts';
import { countPapers } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { getSetting, putSetting, putSettingIfAbsent, replaceSetting } from '../db/settings.ts';
import { type ImportOptions, type ImportReport, importFiles } from './import-papers.ts';
import { deadOnThisHost, processOwner } from './ingest/process-owner.ts';

/** The files of the sample corpus under a directory, in load order (daily feed first). */
export function sampleFiles(dir: string): string[] {
  return [
    path.join(dir, 'hf-daily-papers-2024-05-27_to_2026-08-21.tar.gz'),
    path.join(dir, 'hf-papers-sample.jsonl'),
  ];
}

/** The sample's categories file in a directory. */
const CATEGORIES_FILE = 'arxiv-categories.tsv.gz';

/** Reads "ID<TAB>cat1 cat2" lines into arXiv id -> categories; nothing when the file is absent. */
export function readSampleCategories(dir: string): Map<string, string[]> {
  const file = path.join(dir, CATEGORIES_FILE);
  const out = new Map<string, string[]>();
  if (!existsSync(file)) return out;
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    const [id, cats] = line.split('\t');
    if (id && cats) out.set(id, cats.split(' ').filter(Boolean));
  }
  return out;
}

/**
 * The setting that records the sample's load: `loading OWNER UNTIL` while a process loads it (its
 * claim, renewed while it lives), then `loaded`. A bare `loading` is a claim without an owner, as
 * a load stopped midway by an earlier version leaves it: anyone takes it over.
 */
const SAMPLE_SETTING = 'sample_corpus';

/** How long a claim lasts without renewal: a claim of a process on another host that died lapses after this. */
export const SAMPLE_CLAIM_MS = 5 * 60_000;

/** How often a live load renews its claim: well within SAMPLE_CLAIM_MS. */
const RENEW_MS = SAMPLE_CLAIM_MS / 5;

/** Who loads the sample, and how to tell that a claim's owner is gone. */
export interface SampleLoadOptions extends ImportOptions {
  /** This process, as "host:pid" (default: processOwner()). */
  owner?: string;
  /** True for an owner known to be dead, a killed process of this host (default: deadOnThisHost). */
  isDead?: (owner: string) => boolean;
  now?: () => Date;
  /** Called once this process has taken the load, before reading the files it names. */
  onStart?: (files: string[]) => void;
}

/** What a call did: loaded the sample (with the report), or left it to the live process `owner` that is loading it. */
export type SampleLoad = ({ status: 'loaded'; categorized: number } & ImportReport) | { status: 'busy'; owner: string };

const claimValue = (owner: string, now: Date): string => `loading ${owner} ${new Date(now.getTime() + SAMPLE_CLAIM_MS).toISOString()}`;

/** The owner and end of a `loading` claim (no owner for a bare `loading`). */
function parseClaim(value: string): { owner?: string; until: number } {
  const [, owner, until] = value.split(' ');
  return owner && until ? { owner, until: Date.parse(until) } : { until: 0 };
}

/**
 * Takes the load for this process: the claim it stored; 'done' when there is nothing to load (loaded
 * already, or the store holds papers of its own); or the live owner that holds it. A claim whose
 * owner is dead or whose time ran out is taken over, each step by one conditional statement.
 */
async function claimLoad(db: Kysely<DB>, owner: string, now: Date, isDead: (owner: string) => boolean): Promise<{ claimed: string } | 'done' | { busy: string }> {
  const state = await getSetting(db, SAMPLE_SETTING);
  if (state === 'loaded') return 'done';
  const mine = claimValue(owner, now);
  if (state === undefined) {
    if ((await countPapers(db)) > 0) return 'done';
    if (await putSettingIfAbsent(db, SAMPLE_SETTING, mine)) return { claimed: mine };
  } else {
    const held = parseClaim(state);
    // A claim in this process's own name was left by an earlier process that had the same pid.
    if (held.owner && held.owner !== owner && held.until > now.getTime() && !isDead(held.owner)) return { busy: held.owner };
    if (await replaceSetting(db, SAMPLE_SETTING, state, mine)) return { claimed: mine };
  }
  // Another process claimed it between the read and the write, or has finished since.
  const after = await getSetting(db, SAMPLE_SETTING);
  return after === 'loaded' ? 'done' : { busy: parseClaim(after ?? '').owner ?? 'unknown' };
}

/**
 * Loads the sample corpus if the store holds no paper, or finishes a load that was interrupted
 * (the process killed mid-way: the store is then no longer empty, but the load is marked as
 * begun, and importing again is an idempotent upsert). One process loads it: others that start
 * meanwhile get 'busy' and serve the store as it fills. Returns undefined when there is nothing to load.
 */
export async function loadSampleIfEmpty(db: Kysely<DB>, dir: string, opts: SampleLoadOptions = {}): Promise<SampleLoad | undefined> {
  const { owner = processOwner(), isDead = deadOnThisHost, now = () => new Date(), onStart, ...importOpts } = opts;
  const claim = await claimLoad(db, owner, now(), isDead);
  if (claim === 'done') return undefined;
  if ('busy' in claim) return { status: 'busy', owner: claim.busy };
  let held = claim.claimed;
  const heartbeat = setInterval(() => {
    const next = claimValue(owner, now());
    replaceSetting(db, SAMPLE_SETTING, held, next).then(
      (renewed) => {
        if (renewed) held = next;
      },
      () => undefined,
    );
  }, RENEW_MS);
  heartbeat.unref();
  try {
    const files = sampleFiles(dir);
    onStart?.(files);
    const report = await importFiles(db, files, importOpts);
    const categorized = await addCategoriesWhereMissing(db, readSampleCategories(dir));
    await putSetting(db, SAMPLE_SETTING, 'loaded');
    return { status: 'loaded', ...report, categorized };
  } finally {
    clearInterval(heartbeat);
  }
}
