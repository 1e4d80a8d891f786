#!/usr/bin/env node
// Paperboy's command-line entry: loads the TypeScript sources through tsx and hands over to src/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
