/**
 * The ingestion benchmark's OAI-PMH server as a process of its own, so that rendering pages costs
 * the measured process neither CPU nor memory, as a remote arXiv would not.
 * `node --import tsx bench/lib/oai-server-process.ts [RECORDS]` prints `{"url": ...}` once
 * listening, and exits when its standard input closes.
 */
import { oaiSetOf } from '../../src/actions/ingest/arxiv.ts';
import { readCorpus } from './corpus.ts';
import { startOaiServer } from './oai-pages.ts';

const records = await readCorpus(process.argv[2] ? Number(process.argv[2]) : Infinity);
const server = await startOaiServer(records, 1000, oaiSetOf);
const categories = [...new Set(records.flatMap((r) => (r['categories'] as string[] | undefined) ?? []))];
process.stdout.write(`${JSON.stringify({ url: server.url, records: records.length, categories })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
