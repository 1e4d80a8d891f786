/** `paperboy ingest arxiv` (being written). */
import type { Command } from 'commander';

/** Registers the arXiv ingestion command. */
export function registerArxivIngest(_ingest: Command): void {}
