// Return paths: only same-site paths survive, however a browser would read the rest.
import { describe, expect, it } from 'vitest';
import { safeNext } from './return-path.ts';

describe('safeNext', () => {
  it('keeps a same-site path with its query and fragment', () => {
    expect(safeNext('/papers?q=kv%20cache#top')).toBe('/papers?q=kv%20cache#top');
    expect(safeNext('/a/../papers/2501.05441')).toBe('/papers/2501.05441');
  });

  it('sends anything that could leave the site to the home page', () => {
    const offSite = ['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', '/.//evil.example/x', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/./%2e//evil.example'];
    for (const raw of offSite) expect(safeNext(raw), raw).toBe('/');
  });
});
