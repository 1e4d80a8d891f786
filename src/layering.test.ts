// The dependency rule, checked: each layer imports only the layers below it (see STYLE.md).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Which top-level parts of src/ each part may import (itself always allowed). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  security: [],
  db: ['core'],
  search: ['core', 'db'],
  sources: ['core'],
  mail: ['core', 'config.ts', 'logger.ts'],
  actions: ['core', 'db', 'search', 'sources', 'mail', 'security'],
  jobs: ['core', 'db', 'search', 'sources', 'mail', 'actions', 'security', 'config.ts', 'logger.ts'],
  http: ['core', 'db', 'search', 'actions', 'security', 'mail', 'config.ts', 'logger.ts'],
  // The CLI starts the web server (`serve`), so it is the one part that may import http.
  cli: ['core', 'db', 'search', 'sources', 'mail', 'actions', 'jobs', 'http', 'security', 'config.ts', 'logger.ts'],
  'main.ts': ['cli'],
  // The configuration masks credentials as the rest does (core's redactUrl, pure).
  'config.ts': ['core'],
  'logger.ts': [],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

const partOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0] as string;

describe('layering', () => {
  it('every import follows the dependency rule', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const part = partOf(file);
      const allowed = ALLOWED[part];
      if (!allowed) {
        violations.push(`${path.relative(SRC, file)}: unknown part "${part}" (add it to ALLOWED)`);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1] as string;
        if (part === 'core' && spec.startsWith('node:')) violations.push(`${path.relative(SRC, file)}: core must stay pure, imports ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(SRC)) continue;
        const targetPart = partOf(target);
        if (targetPart !== part && !allowed.includes(targetPart)) violations.push(`${path.relative(SRC, file)} imports ${targetPart} (${spec})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
