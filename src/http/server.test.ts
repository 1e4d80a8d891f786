// The server on a real socket: long search links (a 10 KB query percent-encoded) reach the app
// and get a page or a JSON answer, never a bare 431 from Node's header limit; a port in use is
// reported as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { paperInput } from '../../test/papers.ts';
import { type RunningServer, startServer } from './server.ts';

describe('server on a socket', () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp('sqlite', [paperInput({ id: '2501.00001', title: 'Speculative Decoding Made Simple' })]);
    server = await startServer(t.ctx, { port: 0, host: '127.0.0.1', syncSeconds: 60 });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('answers 10 KB queries of emoji and quotes on the page and the API', async () => {
    for (const q of ['😀'.repeat(5000), '"'.repeat(10_000), `speculative ${'漢'.repeat(3000)}`]) {
      const encoded = encodeURIComponent(q);
      expect(encoded.length).toBeGreaterThan(16 * 1024);
      const page = await fetch(`http://127.0.0.1:${server.port}/papers?q=${encoded}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const api = await fetch(`http://127.0.0.1:${server.port}/api/papers/search?q=${encoded}`);
      expect(api.status).toBe(200);
      expect(Array.isArray(await api.json())).toBe(true);
    }
  });

  it('says what to do when the port is taken', async () => {
    await expect(startServer(t.ctx, { port: server.port, host: '127.0.0.1', syncSeconds: 60 })).rejects.toThrow(
      `Port ${server.port} is already in use (127.0.0.1:${server.port}): stop what listens there, or set PORT to another port.`,
    );
    await expect(startServer(t.ctx, { port: 0, host: '192.0.2.77', syncSeconds: 60 })).rejects.toThrow(/no address 192\.0\.2\.77: set HOST/);
  });
});
