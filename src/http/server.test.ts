// The server on a real socket: long search links (a 10 KB query percent-encoded) reach the app
// and get a page or a JSON answer, never a bare 431 from Node's header limit; a port in use is
// reported as such, naming PORT or HOST, and can be checked before the server starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { paperInput } from '../../test/papers.ts';
import { checkListen, type RunningServer, startServer } from './server.ts';

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

  it('says what to do when the port is taken or HOST is no address here, naming the setting', async () => {
    const inUse = `PORT=${server.port}: cannot listen on 127.0.0.1:${server.port}: the port is already in use; stop what listens there, or set PORT to another port.`;
    await expect(startServer(t.ctx, { port: server.port, host: '127.0.0.1', syncSeconds: 60 })).rejects.toThrow(inUse);
    await expect(checkListen({ port: server.port, host: '127.0.0.1' })).rejects.toThrow(inUse);
    await expect(startServer(t.ctx, { port: 0, host: '192.0.2.77', syncSeconds: 60 })).rejects.toThrow(/^HOST=192\.0\.2\.77: cannot listen: this machine has no such address; set HOST/);
    await expect(checkListen({ port: 8, host: '999.1.1.1' })).rejects.toThrow(/^HOST=999\.1\.1\.1: cannot listen: unknown address/);
  });

  it('lets a free address go after checking it', async () => {
    const free = await startServer(t.ctx, { port: 0, host: '127.0.0.1', syncSeconds: 60 });
    const port = free.port;
    await free.close();
    await checkListen({ port, host: '127.0.0.1' });
    const again = await startServer(t.ctx, { port, host: '127.0.0.1', syncSeconds: 60 });
    expect(again.port).toBe(port);
    await again.close();
  });
});
