/** The arXiv source as the rest of the app uses it (client, OAI parser, the mapping to PaperInput), in one import. */
export { type ArxivClient, createArxivClient } from './client.ts';
export { type ArxivRecord, type RejectedRecord } from './record.ts';
export { OaiError, type OaiPage, parseOaiListRecords } from './oai.ts';
export { isReplacement, toPaperInput } from './to-paper.ts';
export { SourceError } from '../http/source-error.ts';
