/**
 * Analysis of papers for indexing, straight to term ids: the same tokens, terms and acronym
 * injection as analyze() and SynonymTable.inject() (which queries use), but each distinct word is
 * looked up once per analyzer and kept with its term id, and streams live in reused typed arrays.
 * Analysis is most of an index build's time; this is its hot path.
 */
import { JOINED, type TokenSink, tokenize, WORD, SYNONYM, wordTerm } from '../text/analyze.ts';
import { nameToken } from '../text/joins.ts';
import type { SynonymTable } from '../text/synonyms.ts';
import { type Meaning, quantize, TITLE_WEIGHT } from '../semantic/meaning.ts';
import type { AnalyzedDoc, DocText } from './analyzed-doc.ts';
import { ABSTRACT, AUTHORS, FIELDS, TITLE } from './docs.ts';
import { ensure } from './grow.ts';

/** Words remembered with their term ids; past this the memory is cleared (only time is lost). */
const WORD_LIMIT = 400_000;
const STOP = -1;
/** How abstracts and author lists are read: without version joins (see TokenizeOptions). */
const NO_VERSIONS = { versions: false } as const;
/** Names joined per paper: the first authors of a thousand-author paper are enough to find it by. */
const MAX_NAMES = 100;

/** One field's tokens as term ids, with positions and kinds (see analyze.ts). */
class IdStream {
  ids = new Int32Array(4096);
  pos = new Int32Array(4096);
  kinds = new Uint8Array(4096);
  n = 0;
  words = 0;

  reset(): void {
    this.n = 0;
    this.words = 0;
  }

  push(id: number, pos: number, kind: number): void {
    if (this.n === this.ids.length) {
      this.ids = ensure(this.ids, this.n + 1);
      this.pos = ensure(this.pos, this.n + 1);
      this.kinds = ensure(this.kinds, this.n + 1);
    }
    this.ids[this.n] = id;
    this.pos[this.n] = pos;
    this.kinds[this.n++] = kind;
    if (kind === WORD) this.words++;
  }
}

/** Reusable per-analyzer state: which distinct slot each term id has in the current doc. */
class DocScratch {
  private stamp = new Uint32Array(1024);
  private slot = new Uint32Array(1024);
  private epoch = 0;

  /** Starts a new document. */
  next(): void {
    this.epoch++;
  }

  /** The slot of a term id in the current doc, or -1 (then `set` it). */
  get(id: number): number {
    return id < this.stamp.length && this.stamp[id] === this.epoch ? this.slot[id]! : -1;
  }

  /** Records the slot of a term id in the current doc. */
  set(id: number, slot: number): void {
    this.stamp = ensure(this.stamp, id + 1);
    this.slot = ensure(this.slot, id + 1);
    this.stamp[id] = this.epoch;
    this.slot[id] = slot;
  }
}

/**
 * Analyzes papers for one term dictionary (`intern` gives a term's id in it): title and abstract
 * with acronym injection, authors plain, and with word vectors the paper's vector by meaning
 * (Meaning.paperVector() of its title and abstract, from the same tokens). Term ids are handed
 * out in order of first appearance, so two analyzers fed the same papers in the same order
 * intern the same terms in the same order.
 */
export class DocAnalyzer {
  private words = new Map<string, number>();
  /** The term of each id this analyzer has used, and whether a phrase of the table starts with it. */
  private readonly termAt: string[] = [];
  private starts = new Uint8Array(1024);
  /** Each term id's row in the word vectors, plus one (0: no vector). */
  private rows = new Int32Array(1024);
  private readonly stream = new IdStream();
  private readonly scratch = new DocScratch();
  private readonly sink: TokenSink<number>;

  constructor(
    private readonly synonyms: SynonymTable,
    private readonly intern: (term: string) => number,
    private readonly meaning?: Meaning,
  ) {
    const stream = this.stream;
    this.sink = { lookup: (w) => this.lookup(w), none: STOP, push: (id, pos, kind) => stream.push(id, pos, kind) };
  }

  /** Analyzes one paper. */
  analyze(doc: DocText): AnalyzedDoc {
    const { scratch, stream } = this;
    scratch.next();
    const ids: number[] = [];
    const tf: number[] = [];
    const lengths = new Uint32Array(FIELDS);
    let titleTerms = new Uint32Array(0);
    let titlePos = new Uint16Array(0);
    for (let f = 0; f < FIELDS; f++) {
      stream.reset();
      if (f === TITLE) tokenize(doc.title, 100_000, this.sink);
      else if (f === ABSTRACT) tokenize(doc.abstract, 100_000, this.sink, NO_VERSIONS);
      else this.names(doc.authors);
      if (f !== AUTHORS) {
        this.addMeaning(f === TITLE ? TITLE_WEIGHT : 1);
        this.inject();
      }
      lengths[f] = stream.words;
      if (f === TITLE) {
        titleTerms = Uint32Array.from(stream.ids.subarray(0, stream.n));
        titlePos = Uint16Array.from(stream.pos.subarray(0, stream.n), (p) => Math.min(p, 65535));
      }
      for (let i = 0; i < stream.n; i++) {
        const id = stream.ids[i]!;
        let k = scratch.get(id);
        if (k < 0) {
          k = ids.length;
          scratch.set(id, k);
          ids.push(id);
          tf.push(0, 0, 0);
        }
        // Only real words count fully; injected acronyms and joined compounds mark presence.
        const at = k * FIELDS + f;
        if ((stream.kinds[i] === WORD || tf[at] === 0) && tf[at]! < 255) tf[at]!++;
      }
    }
    const vector = new Int8Array(this.meaning?.vectors.dims ?? 0);
    const v = this.meaning?.take();
    const scale = v ? quantize(v, vector) : 0;
    return { id: doc.id, terms: Uint32Array.from(ids), tf: Uint8Array.from(tf), lengths, titleTerms, titlePos, vector, scale };
  }

  // The stream's words (before acronyms are injected) to the paper's vector, `weight` times each.
  private addMeaning(weight: number): void {
    const { meaning, stream, rows } = this;
    if (!meaning) return;
    for (let i = 0; i < stream.n; i++) {
      const row = rows[stream.ids[i]!]!;
      if (row > 0) meaning.add(row - 1, weight);
    }
  }

  /** The authors' words, then each name's words joined ("songhan"), which a query of the full name finds (see joins.ts). */
  private names(authors: readonly string[]): void {
    const stream = this.stream;
    tokenize(authors.join(' ; '), 5000, this.sink, NO_VERSIONS);
    const end = stream.n > 0 ? stream.pos[stream.n - 1]! : 0;
    for (const name of authors.slice(0, MAX_NAMES)) {
      const joined = nameToken(name);
      const id = joined ? this.lookup(joined) : STOP;
      if (id !== STOP) stream.push(id, end, JOINED);
    }
  }

  /** The term id of a word, or STOP. */
  private lookup(word: string): number {
    const hit = this.words.get(word);
    if (hit !== undefined) return hit;
    const term = wordTerm(word);
    const id = term ? this.idOf(term) : STOP;
    if (this.words.size >= WORD_LIMIT) this.words = new Map();
    this.words.set(word, id);
    return id;
  }

  private idOf(term: string): number {
    const id = this.intern(term);
    if (this.termAt[id] === undefined) {
      this.termAt[id] = term;
      this.starts = ensure(this.starts, id + 1);
      this.starts[id] = this.synonyms.startsPhrase(term) ? 1 : 0;
      this.rows = ensure(this.rows, id + 1);
      this.rows[id] = this.meaning ? this.meaning.row(term) + 1 : 0;
    }
    return id;
  }

  /**
   * SynonymTable.inject() on ids: a SYNONYM token for every phrase of the table found in the
   * stream, at the position of the phrase's last word.
   */
  private inject(): void {
    const s = this.stream;
    const n = s.n;
    for (let i = 0; i < n; i++) {
      if (s.kinds[i] !== WORD || this.starts[s.ids[i]!] !== 1) continue;
      let j = i + 1;
      while (j < n && s.kinds[j] !== WORD) j++;
      if (j >= n) continue;
      const phrases = this.synonyms.phrasesAt(this.termAt[s.ids[i]!]!, this.termAt[s.ids[j]!]!);
      if (!phrases) continue;
      for (const p of phrases) {
        const end = p.rest.length === 0 ? j : this.matchAt(j + 1, n, p.rest);
        if (end >= 0) s.push(this.idOf(p.acronym), s.pos[end]!, SYNONYM);
      }
    }
  }

  // Index of the last token when `rest` follows at WORD tokens from `from` on, else -1.
  private matchAt(from: number, n: number, rest: readonly string[]): number {
    const s = this.stream;
    let j = from;
    for (const term of rest) {
      while (j < n && s.kinds[j] !== WORD) j++;
      if (j >= n || this.termAt[s.ids[j]!] !== term) return -1;
      j++;
    }
    return j - 1;
  }
}
