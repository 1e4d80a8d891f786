// Reading paper files: JSONL line numbers, HF daily JSON, gzip, tar.gz and malformed content.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    });
  });

  it('skips a JSON file that is not an array, naming the file', async () => {
    const file = write('2025-01-10.json', JSON.stringify({ status: 'success', data: ["{'paper': 1}"] }));
    const events = await readAll(file);
    expect(events).toEqual([{ kind: 'file-error', where: file, reason: expect.stringMatching(/expected a JSON array/) }]);
    const truncated = await readAll(write('trunc.json', '[{"paper": {"id": "1'));
    expect(truncated[0]).toMatchObject({ kind: 'file-error', reason: expect.stringMatching(/invalid JSON/) });
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

  it('reports a missing file instead of throwing', async () => {
    const events = await readAll(path.join(dir, 'nope.jsonl'));
    expect(events).toEqual([{ kind: 'file-error', where: expect.any(String), reason: 'cannot read: ENOENT' }]);
  });
});
