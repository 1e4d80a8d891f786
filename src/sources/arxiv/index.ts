/** The arXiv source: client, parsers and the mapping to PaperInput, in one import. */
export { type ArxivClient, type ArxivClientOptions, createArxivClient, type HarvestOptions, type QueryOptions } from './client.ts';
export { type ArxivRecord, type AnnounceType, type RejectedRecord } from './record.ts';
export { OaiError, type OaiPage, type OaiPrefix, parseOaiGetRecord, parseOaiListRecords } from './oai.ts';
export { ArxivApiError, type ArxivAtomPage, parseArxivAtom } from './atom.ts';
export { type ArxivFeed, parseAnnouncementFeed } from './announcements.ts';
export { type ArxivPaper, isReplacement, toPaperInput } from './to-paper.ts';
export { SourceError } from '../http/source-error.ts';
export { createPoliteFetcher, type PoliteFetcher, type PoliteFetcherOptions } from '../http/polite-fetch.ts';
export { type Clock, realClock } from '../http/clock.ts';
