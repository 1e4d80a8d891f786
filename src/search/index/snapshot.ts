/**
 * The index saved to a file, so that a process starting on a large store (the CLI's `search`,
 * `serve` after a restart) loads it in a second instead of analyzing every paper again. It is a
 * cache: it names the store it belongs to, the change-stream position it reflects and a
 * fingerprint of the analysis code, and anything that does not match means a rebuild. Layout: a
 * magic line, the byte length of a JSON header, the header (terms, paper ids, synonym table,
 * segment and array sizes), then the typed arrays, each 8-byte aligned.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Meaning } from '../semantic/meaning.ts';
import { SynonymTable } from '../text/synonyms.ts';
import { DocTable } from './docs.ts';
import { MemoryIndex } from './memory-index.ts';
import type { Segment } from './segment.ts';

const MAGIC = 'paperboy-search-index 2\n';

/** Where a saved index stands: the store it came from and its position in the change stream. */
export interface SnapshotStamp {
  storeId: string;
  seq: number;
  id: string;
}

type ArrayKind = 'i8' | 'u8' | 'u16' | 'u32' | 'f32';
const CTORS = { i8: Int8Array, u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array } as const;
type Typed = Int8Array | Uint8Array | Uint16Array | Uint32Array | Float32Array;

interface Header {
  fingerprint: string;
  stamp: SnapshotStamp;
  synonyms: [string, string[]][];
  terms: string[];
  ids: string[];
  lengthSums: number[];
  /** The word vectors the papers' vectors were made of (Meaning.id), and their length; '' and 0: none. */
  meaning: string;
  dims: number;
  segments: { base: number; count: number }[];
  arrays: { kind: ArrayKind; length: number }[];
}

let fingerprintMemo: string | undefined;

/**
 * A hash of the code that decides what the index holds (text analysis and the index's layout):
 * a saved index made by other code is never used.
 */
export function analysisFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(MAGIC);
  for (const dir of [here, path.join(here, '../text'), path.join(here, '../semantic')]) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  fingerprintMemo = hash.digest('hex').slice(0, 32);
  return fingerprintMemo;
}

/** Writes the index to `file` (atomically: a reader sees the old file or the new one). */
export async function saveSnapshot(file: string, index: MemoryIndex, stamp: SnapshotStamp): Promise<void> {
  const docs = index.docs.export();
  const typed: Typed[] = [index.df.subarray(0, index.terms.size), docs.alive, docs.lengths, docs.titleTerms, docs.titlePos, docs.titleStart, docs.vectors, docs.scales];
  for (const s of index.segments) typed.push(s.terms, s.offsets, s.docs, s.tf, s.escaped, s.escapedTf);
  const header: Header = {
    fingerprint: analysisFingerprint(),
    stamp,
    synonyms: index.synonyms.entries,
    terms: [...index.terms.keys()],
    ids: docs.ids,
    lengthSums: docs.lengthSums,
    meaning: index.meaning?.id ?? '',
    dims: docs.dims,
    segments: index.segments.map((s) => ({ base: s.base, count: s.count })),
    arrays: typed.map((a) => ({ kind: kindOf(a), length: a.length })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(align(MAGIC.length + 8 + json.length));
  head.write(MAGIC);
  head.writeBigUInt64LE(BigInt(json.length), MAGIC.length);
  json.copy(head, MAGIC.length + 8);
  const tmp = `${file}.${process.pid}.tmp`;
  const out = await open(tmp, 'w');
  try {
    await out.write(head);
    const pad = Buffer.alloc(8);
    for (const a of typed) {
      const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      await out.write(bytes);
      if (bytes.length % 8) await out.write(pad.subarray(0, 8 - (bytes.length % 8)));
    }
  } finally {
    await out.close();
  }
  await rename(tmp, file).catch(async (err: unknown) => {
    await rm(tmp, { force: true });
    throw err;
  });
}

/**
 * Reads a saved index made with these word vectors (none: without); undefined when there is
 * none, or it was made by other code or other vectors, or is damaged.
 */
export async function loadSnapshot(file: string, meaning?: Meaning): Promise<{ index: MemoryIndex; stamp: SnapshotStamp } | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) return undefined;
    const jsonLength = Number(buf.readBigUInt64LE(MAGIC.length));
    const header = JSON.parse(buf.subarray(MAGIC.length + 8, MAGIC.length + 8 + jsonLength).toString()) as Header;
    if (header.fingerprint !== analysisFingerprint() || header.meaning !== (meaning?.id ?? '')) return undefined;
    // Copy into an aligned buffer of our own: views need aligned offsets, and the file's buffer may be pooled.
    const body = new ArrayBuffer(buf.length);
    new Uint8Array(body).set(buf);
    let at = align(MAGIC.length + 8 + jsonLength);
    const arrays = header.arrays.map(({ kind, length }) => {
      const Ctor = CTORS[kind];
      const bytes = length * Ctor.BYTES_PER_ELEMENT;
      if (at + bytes > body.byteLength) throw new Error('truncated');
      const a = new Ctor(body, at, length);
      at = align(at + bytes);
      return a;
    });
    const next = <T>(): T => arrays.shift() as T;
    const df = next<Uint32Array<ArrayBuffer>>();
    const docs = DocTable.restore({
      ids: header.ids,
      alive: next(),
      lengths: next(),
      lengthSums: header.lengthSums,
      titleTerms: next(),
      titlePos: next(),
      titleStart: next(),
      dims: header.dims,
      vectors: next(),
      scales: next(),
    });
    const segments: Segment[] = header.segments.map((s) => ({ ...s, terms: next(), offsets: next(), docs: next(), tf: next(), escaped: next(), escapedTf: next() }));
    const synonyms = new SynonymTable();
    for (const [acronym, phrase] of header.synonyms) synonyms.add(acronym, phrase);
    // The df array grows as terms are added; give it room so the first additions do not copy it.
    const roomyDf = new Uint32Array(Math.max(1024, Math.ceil(df.length * 1.25)));
    roomyDf.set(df);
    return { index: MemoryIndex.restore(synonyms, meaning, header.terms, roomyDf, docs, segments), stamp: header.stamp };
  } catch {
    return undefined;
  }
}

function kindOf(a: Typed): ArrayKind {
  return a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : a instanceof Int8Array ? 'i8' : a instanceof Float32Array ? 'f32' : 'u8';
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
