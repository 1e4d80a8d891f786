/**
 * Reads paper files as a stream of records: JSONL (one record per line), JSON (an array, such as
 * a Hugging Face /api/daily_papers answer), either gzipped, and .tar.gz archives of such files.
 * Every problem becomes a `rejected` (one record) or `file-error` (a whole file) event with its
 * place and reason; nothing is thrown for bad content, so valid records around it still load.
 * A JSON file named after a day holds that day's Hugging Face feed (see dayOfFile).
 * Content decides over names where names mislead: gzip is told by its magic bytes, a UTF-8 byte
 * order mark is dropped, and a file that starts with "[" is one JSON array whatever its extension.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { isValidDate } from '../core/feed-window.ts';
import type { PaperInput } from '../core/paper.ts';
import { itemLines, jsonErrorPlace } from './json-places.ts';
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
  try {
    // Gzip is told by its magic bytes, not the name: a gzipped file saved without .gz is still read,
    // and a plain one named .gz too. pipeline() (unlike pipe()) passes a read or gunzip error on to
    // the reader, so a truncated file ends as a file error rather than an unhandled 'error' event.
    const peeked = await peek(raw, (head) => head.length >= 2);
    const gz = peeked.head[0] === 0x1f && peeked.head[1] === 0x8b;
    const body: Readable = gz ? pipeline(peeked.body, createGunzip(), () => undefined) : peeked.body;
    if (/\.(tar\.gz|tgz|tar)$/.test(name)) yield* readTar(body, file);
    else yield* readDocument(body, file, /\.json(\.gz)?$/.test(name) ? 'json' : 'lines');
  } catch (err) {
    yield { kind: 'file-error', where: file, reason: `unreadable: ${(err as Error).message}` };
  } finally {
    raw.destroy();
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The first byte that is not a UTF-8 byte order mark or white space, if the head holds one. */
function firstChar(head: Buffer): string | undefined {
  const text = head.subarray(head.subarray(0, 3).equals(BOM) ? 3 : 0).toString('utf8');
  return /\S/.exec(text)?.[0];
}

/**
 * A JSON document or JSON Lines, by the file's name, except that content whose first character is
 * "[" is one JSON array whatever the name (a Hugging Face answer saved as .txt or .jsonl): read as
 * lines, it would give one rejection per line. A leading UTF-8 byte order mark is dropped.
 */
async function* readDocument(stream: Readable, where: string, named: 'json' | 'lines'): AsyncGenerator<RecordEvent> {
  const { head, body } = await peek(stream, (h) => firstChar(h) !== undefined);
  const first = firstChar(head);
  if (head.includes(0)) {
    // Not text: another compression (zip, xz...) or a binary file. One error, not a line of junk per line.
    // Drained, so that an archive goes on to its next member.
    body.on('error', () => undefined).resume();
    yield { kind: 'file-error', where, reason: 'binary content: not JSON, JSON Lines or gzip' };
    return;
  }
  const text = head.subarray(0, 3).equals(BOM) ? skipBytes(body, 3) : body;
  if (named === 'json') yield* readJson(await collect(text), where, first);
  else if (first === '[') yield* readJson(await collect(text), where, first, { sniffed: true });
  else yield* readJsonLines(text, where);
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

/**
 * A JSON document: an array of records. Anything else rejects the whole file, with a hint when
 * the content looks like the other format.
 */
function* readJson(text: string, file: string, first: string | undefined, opts: { sniffed?: boolean } = {}): Generator<RecordEvent> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const hint = opts.sniffed
      ? ': it starts with "[" but is not one JSON array; a Hugging Face answer belongs in a .json file, JSON Lines hold one paper object per line'
      : first === '{' && /after JSON/.test((err as Error).message)
        ? ': it looks like JSON Lines (one paper per line); name it .jsonl'
        : '';
    const place = jsonErrorPlace(text, (err as Error).message);
    // V8 quotes the text around the error, line breaks and all: one line, so the report stays one.
    const message = (err as Error).message.replace(/\s+/g, ' ');
    yield { kind: 'file-error', where: file, reason: `invalid JSON${place ? ` at ${place}` : ''} (${message})${hint}` };
    return;
  }
  if (!Array.isArray(doc)) {
    const keys = doc && typeof doc === 'object' ? ` (an object with keys ${Object.keys(doc).slice(0, 5).join(', ')})` : '';
    yield { kind: 'file-error', where: file, reason: `expected a JSON array of papers, got ${typeof doc}${keys}` };
    return;
  }
  const day = dayOfFile(file);
  let lines: number[] | undefined;
  for (let i = 0; i < doc.length; i++) {
    const event = toEvent(doc[i], `${file}#${i + 1}`, day);
    if (event.kind !== 'rejected') yield event;
    else {
      // Found on the first rejection only: a clean file is never scanned twice.
      lines ??= itemLines(text);
      yield { ...event, where: `${file}:${lines[i] ?? 1} (#${i + 1})` };
    }
  }
}

/** A tar archive: every .json / .jsonl member is read as its own file, in archive order. */
async function* readTar(body: Readable, file: string): AsyncGenerator<RecordEvent> {
  const extract = tar.extract();
  // A broken archive (truncated gzip) destroys the extractor with the error, which ends the loop below.
  pipeline(body, extract, () => undefined);
  for await (const entry of extract) {
    const member = `${file}/${entry.header.name}`;
    if (entry.header.type !== 'file' || !/\.jsonl?$/i.test(entry.header.name) || entry.header.name.includes('/._')) {
      entry.resume();
      continue;
    }
    yield* readDocument(Readable.from(entry), member, /\.jsonl$/i.test(entry.header.name) ? 'lines' : 'json');
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

/**
 * Reads a stream's first chunks until `enough` says the head tells what it needs (or the stream
 * ends); returns that head and a stream of the whole content, head included. Errors of the source
 * come out of the returned stream.
 */
async function peek(stream: AsyncIterable<Buffer>, enough: (head: Buffer) => boolean): Promise<{ head: Buffer; body: Readable }> {
  const it = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let head = Buffer.alloc(0);
  let done = false;
  while (!enough(head)) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    head = Buffer.concat([head, next.value]);
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* chunks;
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { head, body: Readable.from(all(), { objectMode: false }) };
}

/** A stream without its first n bytes. */
function skipBytes(stream: AsyncIterable<Buffer>, n: number): Readable {
  async function* rest(): AsyncGenerator<Buffer> {
    let left = n;
    for await (const chunk of stream) {
      if (left >= chunk.length) {
        left -= chunk.length;
        continue;
      }
      yield left > 0 ? chunk.subarray(left) : chunk;
      left = 0;
    }
  }
  return Readable.from(rest(), { objectMode: false });
}
