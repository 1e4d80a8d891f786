// Entry of an analysis worker thread: a new thread has no TypeScript loader, so register tsx
// (as bin/paperboy.js does) before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker.ts');
