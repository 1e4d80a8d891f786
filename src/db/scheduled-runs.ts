/**
 * Claims of scheduled runs, shared by every node: the schedule fires on each node at the same
 * moment (by its own clock), and the first node to claim that moment for a job runs it. A lease
 * alone only keeps runs from overlapping: a node whose timer fired a few seconds late, after
 * another node's run had ended, would run the job a second time. Kept as the settings row
 * `scheduled JOB`, holding the latest moment claimed.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { getSetting, putSettingIfAbsent, replaceSetting } from './settings.ts';

/** Claims a job's run scheduled at `at`: true for the one caller that gets it, false once it was claimed (or a later run was). */
export async function claimScheduledRun(db: Kysely<DB>, job: string, at: Date): Promise<boolean> {
  const name = `scheduled ${job}`;
  const moment = at.toISOString();
  if (await putSettingIfAbsent(db, name, moment)) return true;
  const last = await getSetting(db, name);
  // ISO times in UTC compare as text. One statement decides between two nodes claiming at once.
  if (last === undefined || last >= moment) return false;
  return replaceSetting(db, name, last, moment);
}
