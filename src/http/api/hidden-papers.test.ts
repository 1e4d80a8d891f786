// Hidden papers in the API over both dialects: moderators and admins still read a paper a
// moderator hid (the paper, its BibTeX and its discussion, marked hidden: true), as they open its
// page; everyone else, signed in or not, gets the 404 of a paper that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const HIDDEN = '2407.05700';
const OLD = 'hep-th/9901001';

describe.each(DIALECTS)('hidden papers in the API (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let mod: Member;
  let admin: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: HIDDEN, title: 'Hidden paper', feedDate: '2026-08-21' }), paperInput({ id: OLD, title: 'Old hidden paper' }), paperInput({ id: '2407.05701', title: 'Shown paper' })]);
    ada = await member(t, 'Ada Lovelace');
    mod = await member(t, 'Mod Erator', 'moderator');
    admin = await member(t, 'Ad Min', 'admin');
    expect((await ada.api('POST', `/api/papers/${HIDDEN}/comments`, { body: 'Before it was hidden' })).status).toBe(201);
    for (const id of [HIDDEN, OLD]) expect((await mod.api('POST', `/api/moderation/papers/${id}/hide`, { reason: 'spam' })).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('lets moderators and admins read a hidden paper, its BibTeX and its comments, marked hidden', async () => {
    for (const staff of [admin, mod]) {
      const paper = await staff.api('GET', `/api/papers/${HIDDEN}`);
      expect(paper.status).toBe(200);
      expect((await paper.json()) as object).toMatchObject({ id: HIDDEN, title: 'Hidden paper', hidden: true, related: [] });
      const bibtex = await staff.api('GET', `/api/papers/${HIDDEN}/bibtex`);
      expect(bibtex.status).toBe(200);
      const entry = (await bibtex.json()) as { paperId: string; bibtex: string; hidden: boolean };
      expect(entry).toMatchObject({ paperId: HIDDEN, hidden: true });
      expect(entry.bibtex).toContain('Hidden paper');
      const comments = await staff.api('GET', `/api/papers/${HIDDEN}/comments`);
      expect(comments.status).toBe(200);
      const thread = (await comments.json()) as { paperId: string; hidden: boolean; comments: { body: string }[] };
      expect(thread).toMatchObject({ paperId: HIDDEN, hidden: true });
      expect(thread.comments.map((n) => n.body)).toEqual(['Before it was hidden']);
      // An id with a slash too; and through the session as through a token.
      expect((await staff.api('GET', `/api/papers/${OLD}`)).status).toBe(200);
      expect((await staff.api('GET', `/api/papers/${OLD}/bibtex`)).status).toBe(200);
      expect((await staff.b.get(`/api/papers/${HIDDEN}`)).status).toBe(200);
    }
    // A paper that is not hidden reads as ever, without the mark.
    const shown = (await (await admin.api('GET', '/api/papers/2407.05701')).json()) as Record<string, unknown>;
    expect(shown['title']).toBe('Shown paper');
    expect(shown['hidden']).toBeUndefined();
    expect(((await (await admin.api('GET', '/api/papers/2407.05701/comments')).json()) as Record<string, unknown>)['hidden']).toBeUndefined();
  });

  it('keeps a hidden paper a 404 for everyone else', async () => {
    for (const path of [`/api/papers/${HIDDEN}`, `/api/papers/${HIDDEN}/bibtex`, `/api/papers/${HIDDEN}/comments`, `/api/papers/${OLD}`]) {
      for (const res of [await ada.api('GET', path), await t.app.request(path)]) {
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    }
    // Nor may staff write to it: hidden means no votes or comments.
    expect((await admin.api('POST', `/api/papers/${HIDDEN}/comments`, { body: 'x' })).status).toBe(404);
  });
});
