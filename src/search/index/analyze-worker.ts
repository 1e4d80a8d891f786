/**
 * The body of an analysis worker thread (started by parallel-build.ts through analyze-worker.js):
 * rebuilds the synonym table and word vectors it is given, then analyzes batches of papers with a term dictionary
 * of its own and answers each batch with the analyzed papers and the terms it had not seen before.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Meaning } from '../semantic/meaning.ts';
import type { WordVectors } from '../semantic/vectors-file.ts';
import { SynonymTable } from '../text/synonyms.ts';
import { type DocText, packDocs, packedBuffers, type PackedDocs } from './analyzed-doc.ts';
import { DocAnalyzer } from './doc-analyzer.ts';

/** A batch of papers to analyze, numbered by the sender. */
export interface AnalyzeRequest {
  batch: number;
  docs: DocText[];
}

/**
 * A batch analyzed: term ids are this worker's; `newTerms` are the ones given out for it, in id
 * order. After `fresh`, the worker's dictionary started again from id 0 for this batch.
 */
export interface AnalyzeResult {
  batch: number;
  docs: PackedDocs;
  newTerms: string[];
  fresh: boolean;
}

/** What a worker is started with: the index's synonym table, word vectors (if any) and dictionary bound. */
export interface AnalyzeWorkerData {
  synonyms: [string, string[]][];
  vectors?: WordVectors | undefined;
  /**
   * Terms past which the worker's dictionary starts again: a large corpus's rare terms would
   * otherwise hold hundreds of megabytes in each worker. Terms it meets again are sent again.
   */
  maxTerms: number;
}

const port = parentPort;
if (!port) throw new Error('analyze-worker must run in a worker thread');

const data = workerData as AnalyzeWorkerData;
const synonyms = new SynonymTable();
for (const [acronym, phrase] of data.synonyms) synonyms.add(acronym, phrase);

let terms = new Map<string, number>();
let fresh: string[] = [];
const intern = (term: string): number => {
  let id = terms.get(term);
  if (id === undefined) {
    id = terms.size;
    terms.set(term, id);
    fresh.push(term);
  }
  return id;
};
const meaning = data.vectors ? new Meaning(data.vectors) : undefined;
let analyzer = new DocAnalyzer(synonyms, intern, meaning);

port.on('message', (req: AnalyzeRequest) => {
  const restart = terms.size > data.maxTerms;
  if (restart) {
    terms = new Map();
    analyzer = new DocAnalyzer(synonyms, intern, meaning);
  }
  const docs = packDocs(req.docs.map((d) => analyzer.analyze(d)));
  const result: AnalyzeResult = { batch: req.batch, docs, newTerms: fresh, fresh: restart };
  fresh = [];
  port.postMessage(result, packedBuffers(docs));
});
