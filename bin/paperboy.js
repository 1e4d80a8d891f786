#!/usr/bin/env node
// Paperboy's command-line entry: loads the TypeScript sources through tsx and hands over to src/main.ts.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The checkout's tsconfig by its path: tsx would look for one in the working directory, and a
// node run from its own folder (/srv/node-a, with its ./data) would then compile the pages' JSX
// without `jsxImportSource` and answer every page with a 500.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
