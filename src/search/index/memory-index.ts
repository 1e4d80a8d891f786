/**
 * The in-memory inverted index: a term dictionary with document frequencies, the doc table, and
 * postings segments. Documents are analyzed with the synonym table fixed at build time, so a
 * document and a query always agree on which acronyms a phrase carries.
 */
import type { Meaning } from '../semantic/meaning.ts';
import { analyze, type TokenStream } from '../text/analyze.ts';
import type { SynonymTable } from '../text/synonyms.ts';
import type { AnalyzedDoc, DocText } from './analyzed-doc.ts';
import { DocAnalyzer } from './doc-analyzer.ts';
import { DocTable, FIELDS } from './docs.ts';
import { ensure } from './grow.ts';
import { mergeSegments, type Segment, SEGMENT_DOCS, SegmentBuilder } from './segment.ts';

/** BM25F parameters: per-field weight and length normalization, and the saturation k1. */
// Tuned on bench/search-quality (the optimum is flat: +-0.005 nDCG across k1 1.2-3, title weight 2-7).
export const BM25 = { k1: 2, weight: [3, 1.0, 0.5], b: [0.3, 0.75, 0.5] } as const;

export type { DocText } from './analyzed-doc.ts';

/** Terms, docs and postings of the index; `commit()` makes added docs searchable. */
export class MemoryIndex {
  readonly terms = new Map<string, number>();
  df = new Uint32Array(1024);
  segments: Segment[] = [];
  /** Per doc and field: field weight / BM25 length normalization, refreshed by commit(). */
  norms = new Float32Array(0);
  private builder: SegmentBuilder | undefined;
  private readonly analyzer: DocAnalyzer;

  /** `meaning`: the word vectors papers' vectors are made of (none: the index keeps no vectors). */
  constructor(
    readonly synonyms: SynonymTable,
    readonly meaning?: Meaning,
    readonly docs = new DocTable(meaning?.vectors.dims ?? 0),
  ) {
    this.analyzer = new DocAnalyzer(synonyms, this.intern, meaning);
  }

  /** Id of a term, or -1 when no document has it. */
  termId(term: string): number {
    return this.terms.get(term) ?? -1;
  }

  /** Inverse document frequency of a term id (BM25's, never negative). */
  idf(termId: number): number {
    const df = termId >= 0 ? this.df[termId]! : 0;
    const n = this.docs.count;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Analyzes title or abstract text the way documents are indexed (with acronym injection).
   * With `prefixes` only words starting so are looked up (see analyze()).
   */
  analyzeText(text: string, prefixes?: ReadonlySet<string>): TokenStream {
    return this.synonyms.inject(analyze(text, 100_000, prefixes));
  }

  /** Indexes a paper (replacing an earlier version); searchable after commit(). */
  add(doc: DocText): void {
    this.addAnalyzed(this.analyzer.analyze(doc));
  }

  /** Indexes a paper analyzed with this index's term ids (replacing an earlier version); searchable after commit(). */
  addAnalyzed(a: AnalyzedDoc): void {
    this.docs.remove(a.id);
    const terms = a.terms;
    const df = this.df;
    for (let k = 0; k < terms.length; k++) df[terms[k]!]!++;
    const d = this.docs.add(a.id, a.lengths, a.titleTerms, a.titlePos, a.vector, a.scale);
    if (!this.builder) this.builder = new SegmentBuilder(d);
    this.builder.addDoc(terms, a.tf);
    if (this.builder.count === SEGMENT_DOCS) this.seal();
  }

  /** An index restored from saved parts (see snapshot.ts); searchable at once. */
  static restore(synonyms: SynonymTable, meaning: Meaning | undefined, terms: string[], df: Uint32Array<ArrayBuffer>, docs: DocTable, segments: Segment[]): MemoryIndex {
    const index = new MemoryIndex(synonyms, meaning, docs);
    terms.forEach((t, id) => index.terms.set(t, id));
    index.df = df;
    index.segments = segments;
    index.refreshNorms();
    return index;
  }

  /** Removes a paper (hidden or deleted); returns whether it was indexed. */
  remove(id: string): boolean {
    return this.docs.remove(id);
  }

  /** Makes added documents searchable and refreshes length normalization. */
  commit(): void {
    this.refreshNorms();
    this.seal();
    // A build's segments reuse one builder's buffers; between syncs they would only hold memory.
    this.builder = undefined;
  }

  private seal(): void {
    if (!this.builder || this.builder.count === 0) return;
    const seg = this.builder.build();
    this.builder.reset(this.docs.count);
    // A segment sealed mid-sync becomes searchable at once: its docs need their norms first.
    if (this.norms.length < this.docs.count * FIELDS) this.refreshNorms();
    const last = this.segments[this.segments.length - 1];
    // Small incremental batches fold into the previous segment instead of piling up.
    if (last && last.base + last.count === seg.base && last.count + seg.count <= SEGMENT_DOCS) {
      this.segments = [...this.segments.slice(0, -1), mergeSegments(last, seg)];
    } else {
      this.segments = [...this.segments, seg];
    }
  }

  private refreshNorms(): void {
    const { docs } = this;
    const live = Math.max(1, docs.live);
    const avg = [0, 1, 2].map((f) => Math.max(1, docs.lengthSums[f]! / live));
    const norms = new Float32Array(docs.count * FIELDS);
    for (let d = 0; d < docs.count; d++) {
      for (let f = 0; f < FIELDS; f++) {
        const len = docs.lengths[d * FIELDS + f]!;
        norms[d * FIELDS + f] = BM25.weight[f]! / (1 - BM25.b[f]! + (BM25.b[f]! * len) / avg[f]!);
      }
    }
    this.norms = norms;
  }

  /** The id of a term, given a new one (with no documents yet) when it is unknown. */
  readonly intern = (term: string): number => {
    let id = this.terms.get(term);
    if (id === undefined) {
      id = this.terms.size;
      this.terms.set(term, id);
      this.df = ensure(this.df, id + 1);
    }
    return id;
  };
}
