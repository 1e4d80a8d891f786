// A signed-out Upvote over both dialects: the button sends the visitor to a sign-in page that
// names the paper, and signing in there casts that upvote (once, never taking one back) and goes
// back to the page; an unknown or hidden paper just signs in; CSRF and the local-only return path
// hold as for any sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageClient, type PageClient } from '../../../test/client.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { vote } from '../../actions/votes.ts';
import type { User } from '../../db/users.ts';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('upvoting from the sign-in a signed-out Upvote asks for (%s)', (dialect) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00501', title: 'Tokens <b>bold</b> & $x^2$ attention', feedDate: '2026-08-21', upvotes: 4 }),
      paperInput({ id: '2608.00502', title: 'Another paper on sparse retrieval', feedDate: '2026-08-21', upvotes: 2 }),
      paperInput({ id: '2608.00503', title: 'A paper moderators hid', feedDate: '2026-08-21', upvotes: 1 }),
    ]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2608.00503').execute();
  });
  afterAll(async () => t.close());

  /** A confirmed account, and a signed-out browser (its own address, for the sign-in limits). */
  const visitor = async (): Promise<{ user: User; email: string; b: PageClient }> => {
    n++;
    const email = `pending${n}@example.org`;
    const user = await createUserDirect(t.database.db, { email, password: PASSWORD, name: `Pending ${n}`, role: 'user' }, new Date());
    return { user, email, b: pageClient(t.app, { ip: `198.51.100.${n}` }) };
  };

  /** The hidden fields of a page's vote form for a paper, as a browser would post them. */
  const voteFields = (html: string, paperId: string): Record<string, string> => {
    const form = new RegExp(`<form class="vote-form" method="post" action="/papers/${paperId.replace('.', '\\.')}/vote">(.*?)</form>`, 's').exec(html)?.[1] ?? '';
    return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] as string, (m[2] as string).replace(/&amp;/g, '&')]));
  };
  /** The sign-in form's action and hidden fields. */
  const signInForm = (html: string): { action: string; fields: Record<string, string> } => {
    const m = /<form method="post" action="(\/signin[^"]*)">(.*?)<\/form>/s.exec(html);
    const fields = Object.fromEntries([...(m?.[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((x) => [x[1] as string, x[2] as string]));
    return { action: (m?.[1] ?? '').replace(/&amp;/g, '&'), fields };
  };
  const votesBy = async (user: User, paperId: string): Promise<number> => {
    const row = await t.database.db.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('paper_id', '=', paperId).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const upvotes = async (id: string): Promise<number> => (await t.database.db.selectFrom('papers').select('upvotes').where('id', '=', id).executeTakeFirstOrThrow()).upvotes;

  it('names the paper on the sign-in page and casts the upvote when the password is right, back on the page', async () => {
    const { user, email, b } = await visitor();
    const before = await upvotes('2608.00501');
    const res = await b.post('/papers/2608.00501/vote', voteFields(await (await b.get('/papers/2608.00501')).text(), '2608.00501'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fpapers%2F2608.00501&vote=2608.00501');
    const page = await (await b.get(res.headers.get('location') as string)).text();
    // The title as pages render titles: its text escaped, its math typeset.
    expect(page).toContain('Sign in to upvote “Tokens &lt;b&gt;bold&lt;/b&gt; &amp; <span class="math">');
    expect(page).toContain('You will be back where you were, with your upvote counted.');
    expect(page).not.toContain('<b>bold</b>');
    const form = signInForm(page);
    expect(form.fields['vote']).toBe('2608.00501');
    // A wrong password: the form again, still naming the paper and carrying the vote; nothing cast.
    const wrong = await b.post(form.action, { ...form.fields, email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    const again = await wrong.text();
    expect(again).toContain('Sign in to upvote “Tokens');
    expect(signInForm(again).fields['vote']).toBe('2608.00501');
    expect(await upvotes('2608.00501')).toBe(before);
    const ok = await b.post(form.action, { ...signInForm(again).fields, email, password: PASSWORD });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/papers/2608.00501#paper-2608.00501');
    expect(await upvotes('2608.00501')).toBe(before + 1);
    expect(await votesBy(user, '2608.00501')).toBe(1);
    // Signed in, back on the page: the button shows the vote, and offers to take it back.
    const back = await (await b.get('/papers/2608.00501')).text();
    expect(voteFields(back, '2608.00501')['vote']).toBe('0');
    expect(back).toMatch(/class="votes voted" aria-pressed="true"/);
  });

  it('comes back to a feed or search page, the vote cast, as from the paper page', async () => {
    const { user, email, b } = await visitor();
    const feed = voteFields(await (await b.get('/papers/date/2026-08-21?sort=trending')).text(), '2608.00502');
    const res = await b.post('/papers/2608.00502/vote', feed);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fpapers%2Fdate%2F2026-08-21%3Fsort%3Dtrending&vote=2608.00502');
    // vote.js asks for JSON: it gets the same sign-in address (fetch follows it; the script goes there).
    const json = await b.post('/papers/2608.00502/vote', feed, { accept: 'application/json' });
    expect(json.headers.get('location')).toBe(res.headers.get('location'));
    const form = signInForm(await (await b.get(res.headers.get('location') as string)).text());
    const ok = await b.post(form.action, { ...form.fields, email, password: PASSWORD });
    expect(ok.headers.get('location')).toBe('/papers/date/2026-08-21?sort=trending#paper-2608.00502');
    expect(await votesBy(user, '2608.00502')).toBe(1);
    expect(await (await b.get('/papers/date/2026-08-21?sort=trending')).text()).toMatch(/action="\/papers\/2608\.00502\/vote">.*?name="vote" value="0"/s);

    const other = await visitor();
    const search = voteFields(await (await other.b.get('/papers?q=sparse+retrieval')).text(), '2608.00502');
    expect(search['_back']).toBe('/papers?q=sparse+retrieval');
    const fromSearch = await other.b.post('/papers/2608.00502/vote', search);
    expect(fromSearch.headers.get('location')).toBe('/signin?next=%2Fpapers%3Fq%3Dsparse%2Bretrieval&vote=2608.00502');
    const searchForm = signInForm(await (await other.b.get(fromSearch.headers.get('location') as string)).text());
    const signedIn = await other.b.post(searchForm.action, { ...searchForm.fields, email: other.email, password: PASSWORD });
    expect(signedIn.headers.get('location')).toBe('/papers?q=sparse+retrieval#paper-2608.00502');
    expect(await votesBy(other.user, '2608.00502')).toBe(1);
  });

  it('leaves an upvote already there as it is, never taking it back', async () => {
    const { user, email, b } = await visitor();
    await vote(t.database.db, user, '2608.00502', true, new Date());
    const before = await upvotes('2608.00502');
    await b.get('/signin?next=%2F&vote=2608.00502');
    const ok = await b.post('/signin?next=%2F', { vote: '2608.00502', email, password: PASSWORD });
    expect(ok.headers.get('location')).toBe('/#paper-2608.00502');
    expect(await upvotes('2608.00502')).toBe(before);
    expect(await votesBy(user, '2608.00502')).toBe(1);
  });

  it('just signs in for an unknown or hidden paper, and for a signed-out press that took a vote back', async () => {
    for (const bogus of ['9999.99999', '2608.00503', 'x'.repeat(500), "' OR 1=1 --"]) {
      const { user, email, b } = await visitor();
      const page = await (await b.get(`/signin?next=%2Fpapers%2F2608.00501&vote=${encodeURIComponent(bogus)}`)).text();
      expect(page, bogus).not.toContain('Sign in to upvote');
      expect(page, bogus).not.toContain('A paper moderators hid');
      expect(signInForm(page).fields['vote'], bogus).toBeUndefined();
      // Even posted by hand, the id is only looked up: a plain sign-in, no error page.
      const ok = await b.post('/signin?next=%2Fpapers%2F2608.00501', { vote: bogus, email, password: PASSWORD });
      expect(ok.status, bogus).toBe(303);
      expect(ok.headers.get('location'), bogus).toBe('/papers/2608.00501');
      const cast = await t.database.db.selectFrom('votes').select('paper_id').where('user_id', '=', user.id).execute();
      expect(cast, bogus).toEqual([]);
    }
    expect(await upvotes('2608.00503')).toBe(1);
    // The button of a stale page that showed the vote ("take it back"), pressed signed out: no vote goes along.
    const { b } = await visitor();
    const fields = voteFields(await (await b.get('/papers/2608.00501')).text(), '2608.00501');
    const res = await b.post('/papers/2608.00501/vote', { ...fields, vote: '0' });
    expect(res.headers.get('location')).toBe('/signin?next=%2Fpapers%2F2608.00501');
  });

  it('still needs the CSRF value, and still goes back only to this site', async () => {
    const { user, email, b } = await visitor();
    const before = await upvotes('2608.00501');
    await b.get('/signin?next=%2F&vote=2608.00501');
    // A vote forged from another site reaches neither the vote nor the sign-in page.
    const forgedVote = await b.post('/papers/2608.00501/vote', { vote: '1', _csrf: 'forged' });
    expect(forgedVote.status).toBe(403);
    const forged = await b.post('/signin?next=%2F', { vote: '2608.00501', email, password: PASSWORD, _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie') ?? '').not.toContain('pb_session');
    expect(await upvotes('2608.00501')).toBe(before);
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/.//evil.example/x']) {
      const page = await (await b.get(`/signin?next=${encodeURIComponent(evil)}&vote=2608.00501`)).text();
      expect(signInForm(page).action, evil).toBe('/signin?next=%2F');
    }
    const ok = await b.post(`/signin?next=${encodeURIComponent('//evil.example/x')}`, { vote: '2608.00501', email, password: PASSWORD });
    expect(ok.headers.get('location')).toBe('/#paper-2608.00501');
    expect(await votesBy(user, '2608.00501')).toBe(1);
    // A vote button's own return path that leaves the site: the sign-in goes home.
    const { b: anon } = await visitor();
    const fields = voteFields(await (await anon.get('/papers/2608.00501')).text(), '2608.00501');
    const res = await anon.post('/papers/2608.00501/vote', { ...fields, _back: 'https://evil.example/' });
    expect(res.headers.get('location')).toBe('/signin?next=%2F&vote=2608.00501');
  });

  it('keeps "Create an account" working (the vote does not carry over), and a signed-in visitor is told who they are', async () => {
    const { email, b } = await visitor();
    const page = await (await b.get('/signin?next=%2Fpapers%2F2608.00501&vote=2608.00501')).text();
    expect(page).toContain('<a href="/signup">Create an account</a>');
    expect((await b.get('/signup')).status).toBe(200);
    await b.post('/signin?next=%2F', { email, password: PASSWORD });
    const signedIn = await (await b.get('/signin?next=%2Fpapers%2F2608.00501&vote=2608.00501')).text();
    expect(signedIn).toContain('You are signed in as');
    // Signing out from there comes back to the same sign-in-to-upvote page.
    expect(signedIn).toContain(`action="/signout?next=${encodeURIComponent('/signin?next=%2Fpapers%2F2608.00501&vote=2608.00501')}"`);
  });
});
