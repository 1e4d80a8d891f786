// Hugging Face submitters end to end: a recorded day ingested as `ingest hf --date` does it keeps
// each submitter's username beside the full name (from paper.submittedOnDailyBy, or from the
// item's submittedBy in older answers); re-importing a day fills the username in for papers stored
// before it was kept; the paper page and cards link "submitted by FULLNAME" to
// huggingface.co/USERNAME (rel="nofollow noopener", escaped, so a hostile username cannot break
// out); a paper submitted here keeps its link to the local profile; and the API's
// submittedOnDailyBy carries `user` and `name` as Hugging Face's does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestHfDaily } from '../src/actions/ingest/hf.ts';
import { createUserDirect } from '../src/actions/accounts.ts';
import { upsertPapers } from '../src/db/papers.ts';
import { recordSubmission } from '../src/db/submissions.ts';
import { createHfDailyClient } from '../src/sources/hf-daily.ts';
import { virtualClock } from '../src/sources/http/clock.ts';
import { createPoliteFetcher } from '../src/sources/http/polite-fetch.ts';
import { parseRecord } from '../src/sources/records.ts';
import { createTestApp, TEST_NOW, type TestApp } from './context.ts';
import { DIALECTS } from './databases.ts';
import { hfRoutes, loadHfDays } from './hf-days.ts';
import { paperInput } from './papers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

const days = await loadHfDays();
type HfUser = { fullname?: string; user?: string; name?: string };
type Item = { paper: { id: string; submittedOnDailyBy?: HfUser }; submittedBy?: HfUser };
const itemsOf = (day: string): Item[] => JSON.parse(days.get(day) as string) as Item[];
/** The submitter of an item as Hugging Face's answer gives it. */
const submitterOf = (item: Item): HfUser => (item.paper.submittedOnDailyBy ?? item.submittedBy) as HfUser;

/** A day whose answer names submitters in both places, and one (older) naming them only in the item's submittedBy. */
const CURRENT = '2026-08-21';
const OLDER = '2025-01-13';

describe.each(DIALECTS)('Hugging Face submitters (%s)', (dialect) => {
  let t: TestApp;
  let server: ReplayServer;
  const env = () => ({ db: t.database.db, now: () => new Date('2026-08-22T00:00:00Z'), owner: 'test' });
  const hf = () => createHfDailyClient(createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 1000, floorMs: 1000, maxRetries: 0, clock: virtualClock() }), server.url);
  const stored = (ids: string[]) => t.database.db.selectFrom('papers').select(['id', 'submitted_by', 'submitted_by_hf_user']).where('id', 'in', ids).orderBy('id').execute();
  const expected = (items: Item[]) =>
    items
      .map((item) => ({ id: item.paper.id, submitted_by: submitterOf(item).fullname, submitted_by_hf_user: submitterOf(item).user ?? submitterOf(item).name }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    server = await startReplayServer([...hfRoutes(days, OLDER, OLDER), ...hfRoutes(days, CURRENT, CURRENT)]);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('stores the username of every submitter of a recorded day, field by field', async () => {
    const run = await ingestHfDaily(env(), hf(), { dates: [OLDER, CURRENT] });
    expect(run).toMatchObject({ status: 'ok', rejected: 0 });
    for (const day of [CURRENT, OLDER]) {
      const items = itemsOf(day);
      expect(items.length).toBeGreaterThan(3);
      expect(await stored(items.map((i) => i.paper.id))).toEqual(expected(items));
    }
    // As recorded: the 2025 answer names the submitter only in the item's submittedBy.
    const older = itemsOf(OLDER)[0]!;
    expect(older.paper.submittedOnDailyBy).toBeUndefined();
    expect(await stored([older.paper.id])).toEqual([{ id: older.paper.id, submitted_by: 'Jinheon Baek', submitted_by_hf_user: 'jinheon' }]);
    const current = itemsOf(CURRENT)[0]!;
    expect(await stored([current.paper.id])).toEqual([{ id: current.paper.id, submitted_by: 'taesiri', submitted_by_hf_user: 'taesiri' }]);
  });

  it('fills the username in when a day is imported again over papers stored without it', async () => {
    const items = itemsOf(CURRENT);
    const ids = items.map((i) => i.paper.id);
    // As papers imported before usernames were kept: the full name alone.
    await t.database.db.updateTable('papers').set({ submitted_by_hf_user: null }).where('id', 'in', ids).execute();
    expect((await stored(ids)).every((r) => r.submitted_by_hf_user === null)).toBe(true);
    const again = await ingestHfDaily(env(), hf(), { dates: [CURRENT] });
    expect(again).toMatchObject({ status: 'ok', updated: items.length, inserted: 0 });
    expect(await stored(ids)).toEqual(expected(items));
    // Once filled, importing the day again changes nothing.
    expect(await ingestHfDaily(env(), hf(), { dates: [CURRENT] })).toMatchObject({ updated: 0, unchanged: items.length });
  });

  it('links "submitted by" to the submitter on Hugging Face on the paper page, on cards and in the API', async () => {
    const item = itemsOf(CURRENT).find((i) => submitterOf(i).fullname !== submitterOf(i).user)!;
    const { fullname, user } = submitterOf(item);
    const link = `<a class="hf-user" href="https://huggingface.co/${user}" rel="nofollow noopener" title="${user} on Hugging Face">${fullname}</a>`;
    const page = await (await t.app.request(`/papers/${item.paper.id}`)).text();
    expect(page).toContain(` by ${link}</span>`);
    const feed = await (await t.app.request(`/papers/date/${CURRENT}`)).text();
    expect(feed).toContain(`<span class="submitter">submitted by ${link}</span>`);
    const api = (await (await t.app.request(`/api/papers/${item.paper.id}`)).json()) as { submittedOnDailyBy: unknown };
    expect(api.submittedOnDailyBy).toEqual({ fullname, user, name: user });
    const daily = (await (await t.app.request(`/api/daily_papers?date=${CURRENT}&limit=100`)).json()) as { paper: { id: string; submittedOnDailyBy: unknown } }[];
    expect(daily.find((d) => d.paper.id === item.paper.id)?.paper.submittedOnDailyBy).toEqual({ fullname, user, name: user });
  });

  it('escapes a hostile username and full name: nothing breaks out of the link', async () => {
    const hostile = '"><script>window.__xss=1</script>';
    await t.add([paperInput({ id: '2608.06660', title: 'A hostile submitter', feedDate: CURRENT, submittedBy: `${hostile} Mallory`, submittedByHfUser: hostile })]);
    const page = await (await t.app.request('/papers/2608.06660')).text();
    expect(page).toContain('href="https://huggingface.co/%22%3E%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E" rel="nofollow noopener"');
    expect(page).toContain('&gt;&lt;script&gt;window.__xss=1&lt;/script&gt; Mallory</a>');
    expect(page).not.toContain('<script>window.__xss');
    expect(page).not.toContain('"><script>');
    const feed = await (await t.app.request(`/papers/date/${CURRENT}`)).text();
    expect(feed).toContain('href="https://huggingface.co/%22%3E%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E"');
    expect(feed).not.toContain('<script>window.__xss');
    // The API gives it back as data, and an import never stores a username of that shape.
    const api = (await (await t.app.request('/api/papers/2608.06660')).json()) as { submittedOnDailyBy: unknown };
    expect(api.submittedOnDailyBy).toEqual({ fullname: `${hostile} Mallory`, user: hostile, name: hostile });
    const parsed = parseRecord({ paper: { id: '2608.06661', title: 'Imported', submittedOnDailyBy: { fullname: 'Mallory', user: hostile } } });
    expect(parsed.ok && parsed.paper).toMatchObject({ submittedBy: 'Mallory' });
    expect(parsed.ok && parsed.paper.submittedByHfUser).toBeUndefined();
  });

  it('keeps the link to the local profile of a paper submitted here, whatever Hugging Face says later', async () => {
    const db = t.database.db;
    const user = await createUserDirect(db, { email: 'ada@example.org', password: 'correct horse battery', name: 'Ada Here', role: 'user' }, TEST_NOW);
    await db.transaction().execute(async (trx) => {
      await upsertPapers(trx, [paperInput({ id: '2608.06670', title: 'Submitted here first', feedDate: CURRENT, dailyFeedDate: true, submittedBy: user.name })]);
      await recordSubmission(trx, { userId: user.id, userName: user.name, paperId: '2608.06670', now: TEST_NOW });
    });
    const listed = parseRecord({ paper: { id: '2608.06670', title: 'Submitted here first', upvotes: 5, submittedOnDailyBy: { fullname: 'Someone Else', user: 'someone', name: 'someone' } } }, { day: CURRENT });
    if (!listed.ok) throw new Error(listed.reason);
    await db.transaction().execute((trx) => upsertPapers(trx, [listed.paper]));
    expect(await stored(['2608.06670'])).toEqual([{ id: '2608.06670', submitted_by: 'Ada Here', submitted_by_hf_user: null }]);
    const page = await (await t.app.request('/papers/2608.06670')).text();
    expect(page).toContain(` by <a href="/users/${user.handle}">Ada Here</a></span>`);
    expect(page).not.toContain('huggingface.co/someone');
    const api = (await (await t.app.request('/api/papers/2608.06670')).json()) as { submittedOnDailyBy: unknown; upvotes: number };
    expect(api).toMatchObject({ submittedOnDailyBy: { fullname: 'Ada Here' }, upvotes: 5 });
    expect(api.submittedOnDailyBy).not.toHaveProperty('user');
  });
});
