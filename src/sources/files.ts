/**
 * Reads paper files as a stream of records: JSONL (one record per line), JSON (an array, such as
 * a Hugging Face /api/daily_papers answer), either gzipped, and .tar.gz archives of such files.
 * Every problem becomes a `rejected` (one record) or `file-error` (a whole file) event with its
 * place and reason; nothing is thrown for bad content, so valid records around it still load.
 * A JSON file named after a day holds that day's Hugging Face feed (see dayOfFile).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { isValidDate } from '../core/feed-window.ts';
import type { PaperInput } from '../core/paper.ts';
import { parseRecord } from './records.ts';

export type RecordEvent =
  | { kind: 'paper'; where: string; paper: PaperInput }
  | { kind: 'rejected'; where: string; reason: string }
  | { kind: 'file-error'; where: string; reason: string };

/** Bytes of the (compressed) input consumed so far, for progress bars. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Streams the records of one file; `progress` is updated as the file is read. */
export async function* readPaperFile(file: string, progress?: ReadProgress): AsyncGenerator<RecordEvent> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    yield { kind: 'file-error', where: file, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
    return;
  }
  if (progress) progress.totalBytes += size;
  const raw = createReadStream(file);
  raw.on('data', (chunk) => {
    if (progress) progress.bytesRead += chunk.length;
  });
  const name = file.toLowerCase();
  const gz = /\.(gz|tgz)$/.test(name);
  const body: Readable = gz ? raw.pipe(createGunzip()) : raw;
  try {
    if (/\.(tar\.gz|tgz|tar)$/.test(name)) yield* readTar(body, file);
    else if (/\.json(\.gz)?$/.test(name)) yield* readJson(await collect(body), file);
    else yield* readJsonLines(body, file);
  } catch (err) {
    yield { kind: 'file-error', where: file, reason: `unreadable: ${(err as Error).message}` };
  } finally {
    raw.destroy();
  }
}

/** JSONL: each non-blank line is one record; a bad line is rejected with its line number. */
async function* readJsonLines(body: Readable, file: string): AsyncGenerator<RecordEvent> {
  let line = 0;
  for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    const where = `${file}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { kind: 'rejected', where, reason: `invalid JSON (${(err as Error).message})` };
      continue;
    }
    yield toEvent(value, where);
  }
}

/** A JSON document: an array of records. Anything else rejects the whole file. */
function* readJson(text: string, file: string): Generator<RecordEvent> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    yield { kind: 'file-error', where: file, reason: `invalid JSON (${(err as Error).message})` };
    return;
  }
  if (!Array.isArray(doc)) {
    const keys = doc && typeof doc === 'object' ? ` (an object with keys ${Object.keys(doc).slice(0, 5).join(', ')})` : '';
    yield { kind: 'file-error', where: file, reason: `expected a JSON array of papers, got ${typeof doc}${keys}` };
    return;
  }
  const day = dayOfFile(file);
  for (let i = 0; i < doc.length; i++) yield toEvent(doc[i], `${file}#${i + 1}`, day);
}

/** A tar archive: every .json / .jsonl member is read as its own file, in archive order. */
async function* readTar(body: Readable, file: string): AsyncGenerator<RecordEvent> {
  const extract = tar.extract();
  body.pipe(extract);
  for await (const entry of extract) {
    const member = `${file}/${entry.header.name}`;
    if (entry.header.type !== 'file' || !/\.jsonl?$/i.test(entry.header.name) || entry.header.name.includes('/._')) {
      entry.resume();
      continue;
    }
    if (/\.jsonl$/i.test(entry.header.name)) yield* readJsonLines(Readable.from(entry), member);
    else yield* readJson(await collect(entry as AsyncIterable<Buffer>), member);
  }
}

/**
 * The day a JSON file holds the Hugging Face feed of, from its name ("2024-05-27.json",
 * "daily_papers_2026-06-12.json.gz", an archive member "days/2024-05-27.json"), as saved answers
 * of /api/daily_papers?date= are named. Items without submittedOnDailyAt belong to that day.
 */
export function dayOfFile(file: string): string | undefined {
  const day = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})\.json(?:\.gz)?$/i.exec(file)?.[1];
  return day && isValidDate(day) ? day : undefined;
}

function toEvent(value: unknown, where: string, day?: string): RecordEvent {
  const r = parseRecord(value, day ? { day } : {});
  return r.ok ? { kind: 'paper', where, paper: r.paper } : { kind: 'rejected', where, reason: r.reason };
}

async function collect(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > MAX_JSON_BYTES) throw new Error(`JSON document larger than ${MAX_JSON_BYTES >> 20} MB; use JSONL`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
