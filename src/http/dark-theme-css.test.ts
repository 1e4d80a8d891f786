// The stylesheet writes the dark theme twice, because plain CSS cannot give one block both to
// prefers-color-scheme (the visitor chose no theme) and to data-theme="dark" (the visitor chose
// it): the two copies must stay the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8');

/** The declarations of the first block after `opening`, one a line, white space folded. */
const declarations = (opening: string): string[] => {
  const start = css.indexOf(opening);
  expect(start, opening).toBeGreaterThanOrEqual(0);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  return body
    .split(';')
    .map((d) => d.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
};

describe('the dark theme in app.css', () => {
  it('is the same whether the system asks for it or the visitor chose it', () => {
    const system = declarations('@media (prefers-color-scheme: dark) {\n  :root:not([data-theme="light"]) {');
    const chosen = declarations(':root[data-theme="dark"] {');
    expect(system.length).toBeGreaterThan(10);
    expect(system).toEqual(chosen);
  });
});
