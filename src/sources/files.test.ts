// Reading paper files: JSONL line numbers, HF daily JSON, gzip, tar.gz and malformed content.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type RecordEvent, readPaperFile } from './files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-files-'));
const write = (name: string, body: string | Buffer): string => {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
};
const readAll = async (file: string): Promise<RecordEvent[]> => {
  const out: RecordEvent[] = [];
  for await (const e of readPaperFile(file)) out.push(e);
  return out;
};

/** Text gzip cannot shrink much, so that an archive of it is long. */
const randomWords = (n: number): string => Array.from({ length: n }, () => randomBytes(4).toString('hex')).join(' ');

const hfItem = {
  paper: {
    id: '2501.05441',
    title: 'The GAN is dead; long live the GAN!',
    summary: 'We revisit GANs.',
    authors: [{ _id: 'x', name: 'Yiwen Huang' }, { name: 'Aaron Gokaslan' }],
    publishedAt: '2025-01-09T00:00:00.000Z',
    submittedOnDailyAt: '2025-01-10T00:00:00.000Z',
    upvotes: 87,
    githubRepo: 'https://github.com/brownvc/r3gan',
    githubStars: 812,
    ai_summary: 'GANs can be trained stably with a regularized loss.',
    ai_keywords: ['GAN', 'relativistic loss'],
    submittedOnDailyBy: { _id: 'u1', fullname: 'AK', name: 'akhaliq', user: 'akhaliq' },
  },
  numComments: 4,
  organization: { name: 'brownvc', fullname: 'Brown Visual Computing' },
};

describe('readPaperFile', () => {
  it('reports bad JSONL lines with their line numbers and keeps the good ones', async () => {
    const file = write(
      'mixed.jsonl',
      [
        JSON.stringify({ title: 'Good one', abstract: 'Fine.', published: '2025-01-10', upvotes: 2 }),
        '{"title": "broken',
        '',
        JSON.stringify({ abstract: 'no title' }),
        JSON.stringify({ title: 'Bad date', published: 'yesterday' }),
        '"just a string"',
        JSON.stringify({ title: 'Second good', organization: 'nvidia NVIDIA', authorsCount: 7 }),
        JSON.stringify({ title: 'No such day', published: '2025-13-45' }),
        JSON.stringify({ title: 'Not a leap year', feedDate: '2025-02-29T10:00:00Z' }),
      ].join('\n'),
    );
    const events = await readAll(file);
    expect(events.filter((e) => e.kind === 'paper').map((e) => e.kind === 'paper' && e.paper.title)).toEqual(['Good one', 'Second good']);
    const rejected = events.filter((e) => e.kind === 'rejected');
    expect(rejected.map((e) => e.where.split(':').pop())).toEqual(['2', '4', '5', '6', '8', '9']);
    expect(rejected.map((e) => e.kind === 'rejected' && e.reason)).toEqual([
      expect.stringMatching(/invalid JSON/),
      expect.stringMatching(/^title: /),
      expect.stringMatching(/^published: expected a date/),
      'expected an object, got a string',
      expect.stringMatching(/^published: not a calendar date/),
      expect.stringMatching(/^feedDate: not a calendar date/),
    ]);
    const second = events.find((e) => e.kind === 'paper' && e.paper.title === 'Second good');
    expect(second?.kind === 'paper' && second.paper).toMatchObject({ organization: 'NVIDIA', authorsCount: 7, authors: [] });
  });

  it('maps a Hugging Face daily_papers answer field by field', async () => {
    const events = await readAll(write('day.json', JSON.stringify([hfItem])));
    expect(events).toHaveLength(1);
    const e = events[0];
    expect(e?.kind === 'paper' && e.paper).toEqual({
      id: '2501.05441',
      arxivId: '2501.05441',
      title: 'The GAN is dead; long live the GAN!',
      abstract: 'We revisit GANs.',
      authors: ['Yiwen Huang', 'Aaron Gokaslan'],
      authorsCount: 2,
      organization: 'Brown Visual Computing',
      publishedOn: '2025-01-09',
      feedDate: '2025-01-10',
      dailyFeedDate: true,
      upvotes: 87,
      comments: 4,
      categories: [],
      githubRepo: 'https://github.com/brownvc/r3gan',
      projectPage: null,
      githubStars: 812,
      aiSummary: 'GANs can be trained stably with a regularized loss.',
      aiKeywords: ['GAN', 'relativistic loss'],
      submittedBy: 'AK',
      submittedByHfUser: 'akhaliq',
    });
  });

  it('skips a JSON file that is not an array, naming the file', async () => {
    const file = write('2025-01-10.json', JSON.stringify({ status: 'success', data: ["{'paper': 1}"] }));
    const events = await readAll(file);
    expect(events).toEqual([{ kind: 'file-error', where: file, reason: expect.stringMatching(/expected a JSON array/) }]);
    const truncated = await readAll(write('trunc.json', '[{"paper": {"id": "1'));
    expect(truncated[0]).toMatchObject({ kind: 'file-error', reason: expect.stringMatching(/invalid JSON/) });
  });

  it('says at which line and column a JSON file stops being JSON, in one line of text', async () => {
    const lines = JSON.stringify([hfItem, hfItem, hfItem], null, 2).split('\n');
    // The third item's upvotes (its line, 1-based): lost, or missing their colon.
    const at = lines.map((l) => l.includes('"upvotes"')).lastIndexOf(true);
    const broken = (line: string): string => lines.map((l, i) => (i === at ? line : l)).join('\n');
    const reasonOf = async (name: string, body: string | Buffer): Promise<string> => {
      const events = await readAll(write(name, body));
      expect(events).toEqual([{ kind: 'file-error', where: expect.stringMatching(new RegExp(`${name}$`)), reason: expect.any(String) }]);
      return (events[0] as { reason: string }).reason;
    };
    // V8 names no position for an unexpected token; the place is found all the same.
    const lost = await reasonOf('lost.json', broken('      "upvotes": ,'));
    expect(lost).toMatch(new RegExp(`^invalid JSON at line ${at + 1}, column 18 \\(Unexpected token ','`));
    expect(lost).not.toContain('\n');
    const noColon = await reasonOf('no-colon.json.gz', gzipSync(broken('      "upvotes" 87,')));
    expect(noColon).toMatch(new RegExp(`^invalid JSON at line ${at + 1}, column 17 \\(`));
    // Cut off after the name: the place is where the text ends.
    const cut = `${lines.slice(0, at).join('\n')}\n      "upvotes": `;
    expect(await reasonOf('cut.json', cut)).toBe(`invalid JSON at line ${at + 1}, column 18 (Unexpected end of JSON input)`);
  });

  it('names the line a rejected item of a JSON array starts on, with its position', async () => {
    const items = [hfItem, { paper: { ...hfItem.paper, id: '2501.05442', title: '' } }, 42, { paper: { ...hfItem.paper, id: '2501.05443' } }];
    const text = JSON.stringify(items, null, 2);
    const lines = text.split('\n');
    const starts = lines.flatMap((l, i) => (/^ {2}[{\d]/.test(l) ? [i + 1] : []));
    expect(starts).toHaveLength(4);
    const events = await readAll(write('items.json', text));
    expect(events.map((e) => [e.kind, e.where])).toEqual([
      ['paper', expect.stringMatching(/items\.json#1$/)],
      ['rejected', expect.stringMatching(new RegExp(`items\\.json:${starts[1]} \\(#2\\)$`))],
      ['rejected', expect.stringMatching(new RegExp(`items\\.json:${starts[2]} \\(#3\\)$`))],
      ['paper', expect.stringMatching(/items\.json#4$/)],
    ]);
    // On one line, every item is on line 1; strings holding brackets, commas and escaped quotes do not count.
    const tricky = [{ paper: { ...hfItem.paper, title: 'a [b], {c} \\"d' } }, { paper: { id: 'x', title: '' } }];
    expect((await readAll(write('one-line.json', JSON.stringify(tricky)))).map((e) => e.where)).toEqual([
      expect.stringMatching(/#1$/),
      expect.stringMatching(/one-line\.json:1 \(#2\)$/),
    ]);
  });

  it('reads gzip and tar.gz archives member by member', async () => {
    const gz = write('papers.jsonl.gz', gzipSync(`${JSON.stringify({ title: 'Zipped' })}\n`));
    expect((await readAll(gz))[0]).toMatchObject({ kind: 'paper', paper: { title: 'Zipped' } });
    const days = path.join(dir, 'days');
    mkdirSync(days);
    writeFileSync(path.join(days, '2025-01-09.json'), JSON.stringify([hfItem]));
    writeFileSync(path.join(days, '2025-01-10.json'), '{"status": "success"');
    writeFileSync(path.join(days, 'notes.txt'), 'ignored');
    const archive = path.join(dir, 'days.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', dir, 'days']);
    const events = await readAll(archive);
    expect(events.map((e) => e.kind).sort()).toEqual(['file-error', 'paper']);
    expect(events.find((e) => e.kind === 'file-error')?.where).toMatch(/days\/2025-01-10\.json$/);
  });

  it('puts Hugging Face items without submittedOnDailyAt on the day the file is named after', async () => {
    const { submittedOnDailyAt: _s, ...paper } = hfItem.paper;
    const older = { ...hfItem, paper };
    const feedDates = async (file: string): Promise<unknown[]> =>
      (await readAll(file)).map((e) => e.kind === 'paper' && { feedDate: e.paper.feedDate, daily: e.paper.dailyFeedDate ?? false });
    expect(await feedDates(write('2025-01-12.json', JSON.stringify([older, hfItem])))).toEqual([
      { feedDate: '2025-01-12', daily: true },
      { feedDate: '2025-01-10', daily: true },
    ]);
    expect(await feedDates(write('daily_papers_2025-01-13.json.gz', gzipSync(JSON.stringify([older]))))).toEqual([{ feedDate: '2025-01-13', daily: true }]);
    // With no day in the name, publishedAt stands in, as a derived date.
    expect(await feedDates(write('papers.json', JSON.stringify([older])))).toEqual([{ feedDate: '2025-01-09', daily: false }]);
    const dir2 = path.join(dir, 'older');
    mkdirSync(dir2);
    writeFileSync(path.join(dir2, '2025-01-14.json'), JSON.stringify([older]));
    const archive = path.join(dir, 'older.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', dir, 'older']);
    expect(await feedDates(archive)).toEqual([{ feedDate: '2025-01-14', daily: true }]);
  });

  it('ends a truncated .tar.gz with one file error, keeping the records read before the break', async () => {
    const days = path.join(dir, 'many');
    mkdirSync(days);
    // Incompressible enough that the archive is long and its cut falls in a later member.
    for (let d = 1; d <= 9; d++) {
      const items = Array.from({ length: 40 }, (_, i) => ({ ...hfItem, paper: { ...hfItem.paper, id: `2501.${d}${String(i).padStart(4, '0')}`, summary: randomWords(400) } }));
      writeFileSync(path.join(days, `2025-01-0${d}.json`), JSON.stringify(items));
    }
    const whole = path.join(dir, 'many.tar.gz');
    execFileSync('tar', ['czf', whole, '-C', dir, 'many']);
    const bytes = readFileSync(whole);
    const cut = write('cut.tar.gz', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const events = await readAll(cut);
    const papers = events.filter((e) => e.kind === 'paper');
    expect(papers.length).toBeGreaterThan(0);
    expect(papers.length).toBeLessThan(9 * 40);
    expect(events.at(-1)).toEqual({ kind: 'file-error', where: cut, reason: 'unreadable: unexpected end of file' });
    expect(events.filter((e) => e.kind === 'file-error')).toHaveLength(1);
  });

  it('drops a UTF-8 byte order mark before JSONL and JSON', async () => {
    const bom = '\ufeff';
    const lines = await readAll(write('bom.jsonl', `${bom}${JSON.stringify({ title: 'First line' })}\n${JSON.stringify({ title: 'Second line' })}\n`));
    expect(lines.map((e) => e.kind === 'paper' && e.paper.title)).toEqual(['First line', 'Second line']);
    const doc = await readAll(write('bom.json', `${bom}${JSON.stringify([hfItem])}`));
    expect(doc).toEqual([expect.objectContaining({ kind: 'paper', where: expect.stringMatching(/bom\.json#1$/) })]);
    const zipped = await readAll(write('bom2.jsonl.gz', gzipSync(`${bom}${JSON.stringify({ title: 'Zipped line' })}\n`)));
    expect(zipped.map((e) => e.kind === 'paper' && e.paper.title)).toEqual(['Zipped line']);
  });

  it('tells gzip by its magic bytes, whatever the name', async () => {
    const body = `${JSON.stringify({ title: 'Gzipped without .gz' })}\n`;
    expect(await readAll(write('zipped.jsonl', gzipSync(body)))).toEqual([expect.objectContaining({ kind: 'paper', where: expect.stringMatching(/zipped\.jsonl:1$/) })]);
    expect(await readAll(write('zipped-noext', gzipSync(body)))).toEqual([expect.objectContaining({ kind: 'paper' })]);
    // And a plain file named .gz is read as it is.
    expect(await readAll(write('plain.jsonl.gz', body))).toEqual([expect.objectContaining({ kind: 'paper' })]);
    // Other binary content is one file error, not a rejection per line of junk.
    expect(await readAll(write('archive.jsonl', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x0a, 0x41, 0x0a, 0x42])))).toEqual([
      { kind: 'file-error', where: expect.stringMatching(/archive\.jsonl$/), reason: 'binary content: not JSON, JSON Lines or gzip' },
    ]);
  });

  it('reads a Hugging Face answer saved as .txt or .jsonl as the JSON array it is', async () => {
    const pretty = JSON.stringify([hfItem, hfItem], null, 2);
    for (const name of ['answer.txt', 'answer.jsonl', 'answer']) {
      const events = await readAll(write(name, `\n  ${pretty}`));
      expect(events.map((e) => e.kind)).toEqual(['paper', 'paper']);
      expect(events[1]?.where).toMatch(new RegExp(`${name}#2$`));
    }
    // Not one array (a truncated answer, or one array per line): one file error with a hint, never one rejection per line.
    const broken = await readAll(write('broken.jsonl', `${pretty.slice(0, 300)}\n`));
    expect(broken).toEqual([{ kind: 'file-error', where: expect.stringMatching(/broken\.jsonl$/), reason: expect.stringMatching(/^invalid JSON .*starts with "\[" but is not one JSON array/) }]);
    const perLine = await readAll(write('per-line.jsonl', `${JSON.stringify([hfItem])}\n${JSON.stringify([hfItem])}\n`));
    expect(perLine).toEqual([expect.objectContaining({ kind: 'file-error' })]);
    // JSON Lines saved as .json are named for what they are.
    const lines = await readAll(write('lines.json', `${JSON.stringify({ title: 'a' })}\n${JSON.stringify({ title: 'b' })}\n`));
    expect(lines).toEqual([{ kind: 'file-error', where: expect.any(String), reason: expect.stringMatching(/looks like JSON Lines .*name it \.jsonl$/) }]);
  });

  it('reports a missing file instead of throwing', async () => {
    const events = await readAll(path.join(dir, 'nope.jsonl'));
    expect(events).toEqual([{ kind: 'file-error', where: expect.any(String), reason: 'cannot read: ENOENT' }]);
  });
});
