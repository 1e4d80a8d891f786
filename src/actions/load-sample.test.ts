// The bundled sample corpus: every Hugging Face paper lands on the day whose feed listed it (the
// archive's member names are the days), also when the item has no submittedOnDailyAt, and gets
// its arXiv categories from the shipped file.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../test/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { loadHfDays } from '../../test/hf-days.ts';
import { findPaper } from '../db/papers.ts';
import { loadSampleIfEmpty, readSampleCategories } from './load-sample.ts';

type Item = { paper?: { id?: string; submittedOnDailyAt?: string }; submittedOnDailyAt?: string };

/** Paper id -> the day that listed it, for papers listed exactly once; and how many lack submittedOnDailyAt. */
async function expectedDays(): Promise<{ days: Map<string, string>; withoutSubmitted: number }> {
  const listed = new Map<string, string[]>();
  let withoutSubmitted = 0;
  for (const [day, body] of await loadHfDays()) {
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch {
      continue;
    }
    if (!Array.isArray(items)) continue;
    for (const item of items as Item[]) {
      const id = item?.paper?.id;
      if (typeof id !== 'string') continue;
      const submitted = item.paper?.submittedOnDailyAt ?? item.submittedOnDailyAt;
      if (!submitted) withoutSubmitted++;
      listed.set(id, [...(listed.get(id) ?? []), submitted ? submitted.slice(0, 10) : day]);
    }
  }
  const days = new Map([...listed].filter(([, d]) => d.length === 1).map(([id, d]) => [id, d[0] as string]));
  return { days, withoutSubmitted };
}

describe.each(DIALECTS)('loading the sample corpus (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('puts every Hugging Face paper on the day of its feed', async () => {
    const report = await loadSampleIfEmpty(t.db, path.join(ROOT, 'data/sample'));
    if (report?.status !== 'loaded') throw new Error(`the sample was not loaded: ${JSON.stringify(report)}`);
    expect(report.inserted).toBeGreaterThan(9000);
    const { days, withoutSubmitted } = await expectedDays();
    expect(withoutSubmitted).toBeGreaterThan(2000);
    const rows = await t.db.selectFrom('papers').select(['id', 'feed_date', 'feed_date_daily']).execute();
    const stored = new Map(rows.map((r) => [r.id, r]));
    const wrong = [...days].filter(([id, day]) => stored.has(id) && stored.get(id)?.feed_date !== day);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect([...days.keys()].filter((id) => stored.has(id)).length).toBeGreaterThan(9000);
    // 2405.15738 was listed on 2024-05-27 without submittedOnDailyAt; arXiv published it on the 24th.
    expect(stored.get('2405.15738')).toMatchObject({ feed_date: '2024-05-27', feed_date_daily: 1 });
    // arXiv categories from the shipped file, so ?cat= finds sample papers from the first start.
    const categories = readSampleCategories(path.join(ROOT, 'data/sample'));
    expect(report.categorized).toBeGreaterThan(5000);
    const [someId, someCats] = [...categories].find(([id]) => stored.has(id))!;
    expect((await findPaper(t.db, someId))?.categories).toEqual(someCats);
    const inCsCl = await t.db.selectFrom('paper_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('category', '=', 'cs.CL').executeTakeFirstOrThrow();
    expect(Number(inCsCl.n)).toBe([...categories].filter(([id, cats]) => stored.has(id) && cats.includes('cs.CL')).length);
  }, 120_000);
});
