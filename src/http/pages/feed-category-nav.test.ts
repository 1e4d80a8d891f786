// Weekly and monthly feeds of a sparse category over both dialects: Previous / Next and an empty
// window's suggestions lead to the nearest week or month with papers in it, on the pages and in
// the JSON API's Link header alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

describe.each(DIALECTS)('feed navigation in a sparse category (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      // cs.RO only in 2026-W10 (Mar 2–8) and 2026-W14 (Mar 30–Apr 5), both in March.
      paperInput({ id: '2603.00001', feedDate: '2026-03-04', categories: ['cs.RO'] }),
      paperInput({ id: '2603.00002', feedDate: '2026-03-30', categories: ['cs.RO'] }),
      // hep-th only in January and May.
      paperInput({ id: '2601.00001', feedDate: '2026-01-14', categories: ['hep-th'] }),
      paperInput({ id: '2605.00001', feedDate: '2026-05-13', categories: ['hep-th'] }),
      // Other papers in the weeks and months between (W11, W12, W16; February, April).
      paperInput({ id: '2603.00003', feedDate: '2026-03-11', categories: ['cs.LG'] }),
      paperInput({ id: '2603.00004', feedDate: '2026-03-18', categories: ['cs.LG'] }),
      paperInput({ id: '2602.00001', feedDate: '2026-02-11', categories: ['cs.LG'] }),
      paperInput({ id: '2604.00001', feedDate: '2026-04-15', categories: ['cs.LG'] }),
    ]);
  });
  afterAll(async () => t.close());

  const html = async (path: string): Promise<string> => (await t.app.request(path)).text();
  const nav = async (path: string): Promise<{ prev?: string; next?: string }> => {
    const page = await html(path);
    const href = (rel: string) => new RegExp(`<a class="nav-btn" rel="${rel}" href="([^"]*)"`).exec(page)?.[1]?.replaceAll('&amp;', '&');
    const [prev, next] = [href('prev'), href('next')];
    return { ...(prev ? { prev } : {}), ...(next ? { next } : {}) };
  };
  const apiLink = async (path: string): Promise<string | null> => (await t.app.request(path)).headers.get('link');

  it("skips weeks without the category's papers, and offers no link where none is left", async () => {
    expect(await nav('/papers/week/2026-W14?cat=cs.RO')).toEqual({ prev: '/papers/week/2026-W10?cat=cs.RO' });
    expect(await nav('/papers/week/2026-W10?cat=cs.RO')).toEqual({ next: '/papers/week/2026-W14?cat=cs.RO' });
    // The sort is kept.
    expect(await nav('/papers/week/2026-W14?sort=trending&cat=cs.RO')).toEqual({ prev: '/papers/week/2026-W10?sort=trending&cat=cs.RO' });
    // Without a filter, the weeks with any papers, empty ones skipped (W13, W15) as well.
    expect(await nav('/papers/week/2026-W14')).toEqual({ prev: '/papers/week/2026-W12', next: '/papers/week/2026-W16' });
  });

  it("skips months without the category's papers, and offers no link where none is left", async () => {
    expect(await nav('/papers/month/2026-05?cat=hep-th')).toEqual({ prev: '/papers/month/2026-01?cat=hep-th' });
    expect(await nav('/papers/month/2026-01?cat=hep-th')).toEqual({ next: '/papers/month/2026-05?cat=hep-th' });
    expect(await nav('/papers/month/2026-03?cat=hep-th')).toEqual({ prev: '/papers/month/2026-01?cat=hep-th', next: '/papers/month/2026-05?cat=hep-th' });
    // A month holding both of a category's papers has neither link.
    expect(await nav('/papers/month/2026-03?cat=cs.RO')).toEqual({});
    expect(await nav('/papers/month/2026-03')).toEqual({ prev: '/papers/month/2026-02', next: '/papers/month/2026-04' });
  });

  it("points an empty week or month in a category to the nearest ones with the category's papers", async () => {
    const suggested = (page: string) => page.slice(page.indexOf('<div class="empty">'));
    // W12 has papers, none in cs.RO.
    const week = suggested(await html('/papers/week/2026-W12?cat=cs.RO'));
    expect(week).toContain('Try the nearest weeks that have cs.RO papers:');
    expect(week).toContain('<a class="button" href="/papers/week/2026-W10?cat=cs.RO">');
    expect(week).toContain('Week 10 of 2026 (Mar 2 – Mar 8)');
    expect(week).toContain('<a class="button" href="/papers/week/2026-W14?cat=cs.RO">');
    const later = suggested(await html('/papers/week/2026-W20?cat=cs.RO'));
    expect(later).toContain('href="/papers/week/2026-W14?cat=cs.RO"');
    expect(later).not.toContain('href="/papers/week/2026-W10?cat=cs.RO"');
    const month = suggested(await html('/papers/month/2026-03?cat=hep-th'));
    expect(month).toContain('Try the nearest months that have hep-th papers:');
    expect(month).toContain('<a class="button" href="/papers/month/2026-01?cat=hep-th">');
    expect(month).toContain('<a class="button" href="/papers/month/2026-05?cat=hep-th">');
    expect(month).toContain('May 2026');
    // No paper in the category: nothing to suggest.
    const none = suggested(await html('/papers/month/2026-03?cat=math.AG'));
    expect(none).toContain('No other month has math.AG papers.');
    expect(none).not.toContain('?cat=math.AG"');
  });

  it("lands the Daily tab on the window's latest day with the category's papers", async () => {
    const daily = async (path: string) => /<a href="([^"]*)"[^>]*>Daily<\/a>/.exec(await html(path))?.[1]?.replaceAll('&amp;', '&');
    // March's latest day with any papers is the 30th (cs.RO); with cs.LG papers, the 18th.
    expect(await daily('/papers/month/2026-03?cat=cs.LG')).toBe('/papers/date/2026-03-18?cat=cs.LG');
    expect(await daily('/papers/month/2026-03')).toBe('/papers/date/2026-03-30');
    expect(await daily('/papers/week/2026-W14?cat=cs.RO')).toBe('/papers/date/2026-03-30?cat=cs.RO');
    // No paper of the category in the window: its first day.
    expect(await daily('/papers/month/2026-03?cat=hep-th')).toBe('/papers/date/2026-03-01?cat=hep-th');
  });

  it('gives the same neighbours in the JSON API', async () => {
    const base = 'http://paperboy.test/api/daily_papers';
    expect(await apiLink('/api/daily_papers?week=2026-W14&cat=cs.RO')).toBe(`<${base}?week=2026-W10&cat=cs.RO>; rel="prev"`);
    expect(await apiLink('/api/daily_papers?week=2026-W10&cat=cs.RO')).toBe(`<${base}?week=2026-W14&cat=cs.RO>; rel="next"`);
    expect(await apiLink('/api/daily_papers?week=2026-W12&cat=cs.RO')).toBe(`<${base}?week=2026-W10&cat=cs.RO>; rel="prev", <${base}?week=2026-W14&cat=cs.RO>; rel="next"`);
    expect(await apiLink('/api/daily_papers?month=2026-05&cat=hep-th')).toBe(`<${base}?month=2026-01&cat=hep-th>; rel="prev"`);
    expect(await apiLink('/api/daily_papers?month=2026-01&cat=hep-th')).toBe(`<${base}?month=2026-05&cat=hep-th>; rel="next"`);
    expect(await apiLink('/api/daily_papers?month=2026-03&cat=cs.RO')).toBeNull();
  });
});
