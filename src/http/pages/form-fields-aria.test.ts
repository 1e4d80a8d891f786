// Form fields tied to what is said about them, over both dialects: the password hints are each
// field's description, and a form shown again after an error marks the field the error is about
// (sign-up, a reset link's new password, the settings' name and password, a comment) invalid and
// described by the error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, pageClient } from '../../../test/client.ts';
import { member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const PAPER = '2401.00001';

/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string): string => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
/** The text of the element with this id. */
const textOf = (html: string, id: string): string => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1]?.trim() ?? '';

describe.each(DIALECTS)('form fields and their hints and errors (%s)', (dialect) => {
  let t: TestApp;
  let ip = 0;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, title: 'Discussed Paper', feedDate: '2026-08-21' })]);
  });
  afterAll(async () => t.close());

  const signUp = async (fields: Record<string, string>) => {
    const b = pageClient(t.app, { ip: `198.51.100.${++ip}` });
    await b.get('/signup');
    const res = await b.post('/signup', { name: 'Ada Lovelace', email: `ada${ip}@example.org`, password: 'correct horse battery', ...fields });
    return { status: res.status, html: await res.text() };
  };

  it("describes the sign-up's password by its hint, and marks nothing invalid before a post", async () => {
    const html = await (await pageClient(t.app).get('/signup')).text();
    expect(tagOf(html, 'password')).toContain('aria-describedby="password-hint"');
    expect(textOf(html, 'password-hint')).toBe('At least 10 characters.');
    expect(html).not.toContain('aria-invalid');
  });

  it.each([
    ['password', { password: 'short' }],
    ['email', { email: 'not an address' }],
    ['name', { name: '   ' }],
  ])('marks the %s invalid and described by the error when a sign-up is refused for it', async (field, fields) => {
    const { status, html } = await signUp(fields);
    expect(status).toBe(400);
    expect(textOf(html, 'form-error')).not.toBe('');
    for (const other of ['name', 'email', 'password']) {
      const tag = tagOf(html, other);
      if (other === field) {
        expect(tag).toContain('aria-invalid="true"');
        expect(tag).toMatch(/aria-describedby="form-error( password-hint)?"/);
      } else {
        expect(tag).not.toContain('aria-invalid');
        expect(tag).not.toContain('form-error');
      }
    }
  });

  it("ties a reset link's new password to its hint, and marks it invalid when refused", async () => {
    await signUp({ email: 'grace@example.org' });
    const b = pageClient(t.app, { ip: '198.51.101.1' });
    await b.get('/reset');
    const before = t.mailer.sent.length;
    await b.post('/reset', { email: 'grace@example.org' });
    const link = linkIn(t.mailer.sent[before]?.text ?? '', 'http://paperboy.test');
    const form = await (await b.get(link)).text();
    expect(tagOf(form, 'password')).toContain('aria-describedby="password-hint"');
    expect(textOf(form, 'password-hint')).toMatch(/^At least 10 characters\./);
    const refused = await b.post(link, { password: 'short' });
    expect(refused.status).toBe(400);
    const tag = tagOf(await refused.text(), 'password');
    expect(tag).toContain('aria-invalid="true"');
    expect(tag).toContain('aria-describedby="form-error password-hint"');
  });

  it("ties the settings' new password to its hint, and marks the field a refusal is about", async () => {
    const ada = await member(t, 'Ada Settings');
    const html = await (await ada.b.get('/settings')).text();
    expect(tagOf(html, 'new-password')).toContain('aria-describedby="new-password-hint"');
    expect(textOf(html, 'new-password-hint')).toMatch(/^At least 10 characters\./);
    expect(html).not.toContain('aria-invalid');
    const short = await (await ada.b.post('/settings/password', { current: 'correct horse battery', password: 'short' })).text();
    expect(tagOf(short, 'new-password')).toContain('aria-invalid="true"');
    expect(tagOf(short, 'new-password')).toContain('aria-describedby="password-error new-password-hint"');
    expect(tagOf(short, 'current-password')).not.toContain('aria-invalid');
    const wrong = await (await ada.b.post('/settings/password', { current: 'not my password', password: 'a brand new password' })).text();
    expect(textOf(wrong, 'password-error')).toBe('That is not your current password.');
    expect(tagOf(wrong, 'current-password')).toContain('aria-invalid="true"');
    expect(tagOf(wrong, 'current-password')).toContain('aria-describedby="password-error"');
    expect(tagOf(wrong, 'new-password')).not.toContain('aria-invalid');
    const name = await (await ada.b.post('/settings/name', { name: '   ' })).text();
    expect(tagOf(name, 'display-name')).toContain('aria-invalid="true"');
    expect(tagOf(name, 'display-name')).toContain('aria-describedby="name-error"');
    expect(textOf(name, 'name-error')).not.toBe('');
  });

  it('marks a refused comment invalid and described by the error, and a fresh comment box not', async () => {
    const bob = await member(t, 'Bob Comments');
    const page = await (await bob.b.get(`/papers/${PAPER}`)).text();
    expect(tagOf(page, 'new-comment')).not.toContain('aria-invalid');
    const refused = await bob.b.post('/comments', { paper_id: PAPER, parent_id: '', body: '   ' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(textOf(html, 'comment-error')).toContain('Write a comment first');
    const tag = tagOf(html, 'comment-body');
    expect(tag).toContain('aria-invalid="true"');
    expect(tag).toContain('aria-describedby="comment-error comment-body-hint"');
  });
});
