// The reply mail's text: a comment's Markdown read as plain text (marks gone, links spelled out,
// math as Unicode, raw HTML as the text it is), cut near 500 characters, and the words around it.
import { describe, expect, it } from 'vitest';
import { commentText, truncateText } from './comment-text.ts';
import { renderReplyMail } from './reply-mail.ts';

describe('commentText', () => {
  it('reads Markdown as text', () => {
    const body = 'Nice **paper**, see [the code](https://x.org/a) and <https://y.org>.\n\n> quoted *line*\n\n- one\n- two\n\n1. first\n2. second\n\n```\ncode <b>x</b>\n```\n\n<script>alert(1)</script> costs $x^2$, not $5 or $10';
    expect(commentText(body)).toBe(
      'Nice paper, see the code (https://x.org/a) and https://y.org.\n\n> quoted line\n\n- one\n- two\n\n1. first\n2. second\n\ncode <b>x</b>\n\n<script>alert(1)</script> costs x², not $5 or $10',
    );
  });

  it('cuts at a word near the limit', () => {
    expect(truncateText('short', 500)).toBe('short');
    const cut = truncateText('word '.repeat(200), 500);
    expect(cut.length).toBeLessThanOrEqual(501);
    expect(cut.endsWith('word…')).toBe(true);
  });
});

describe('renderReplyMail', () => {
  const item = { reason: 'reply' as const, authorHandle: 'bob', authorName: 'Bob\nSmith', paperTitle: 'MERGE$^3$: Merging', body: 'Yes.', url: 'https://p.example/papers/1#comment-c1' };
  const base = { siteName: 'Paperboy', offUrl: 'https://p.example/reply-mails/off/t', settingsUrl: 'https://p.example/settings#reply-mails' };

  it('tells of one reply with who, where, the text, the link and the way out', () => {
    const m = renderReplyMail({ ...base, items: [item] });
    expect(m.subject).toBe('@bob replied to your comment on “MERGE³: Merging”');
    expect(m.text).toContain('@bob (Bob Smith) replied to your comment on “MERGE³: Merging”:\n\n    Yes.\n\nRead it and answer: https://p.example/papers/1#comment-c1');
    expect(m.text).toContain('Turn these mails off (one click): https://p.example/reply-mails/off/t');
  });

  it('keeps line breaks of a title or name out of the subject and the headings', () => {
    const hostile = { ...item, authorName: 'Eve\r\nBcc: all@example.org', paperTitle: 'A title\r\nBcc: all@example.org\u2028end' };
    const m = renderReplyMail({ ...base, items: [hostile] });
    expect(m.subject).not.toMatch(/[\r\n\u2028]/);
    expect(m.subject).toBe('@bob replied to your comment on “A title Bcc: all@example.org end”');
    expect(m.text.split('\n')[0]).toBe('@bob (Eve Bcc: all@example.org) replied to your comment on “A title Bcc: all@example.org end”:');
  });

  it('counts what it does not quote', () => {
    const m = renderReplyMail({ ...base, items: [item, { ...item, reason: 'paper' }], more: { count: 3, url: 'https://p.example/papers/1#comment-c9' } });
    expect(m.subject).toBe('5 new comments for you on Paperboy');
    expect(m.text).toContain('And 3 more, the first here: https://p.example/papers/1#comment-c9');
    expect(m.text).toContain('@bob (Bob Smith) commented on “MERGE³: Merging”, a paper you submitted:');
  });
});
