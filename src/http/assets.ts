/**
 * Static assets: the site's CSS and JavaScript (src/http/assets/), read once at startup and served
 * under /assets/ with a content hash in the URL for long caching, plus KaTeX's CSS and fonts
 * from node_modules/katex/dist under /assets/katex/. No inline scripts or styles anywhere: the
 * CSP allows only files from 'self'.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { notFound } from '../core/errors.ts';

interface Asset {
  body: Uint8Array;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
const LONG = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';

function load(file: string): Asset {
  const body = readFileSync(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 10) };
}

function loadDir(dir: string, prefix: string, into: Map<string, Asset>): void {
  for (const name of readdirSync(dir)) {
    if (TYPES[path.extname(name)]) into.set(prefix + name, load(path.join(dir, name)));
  }
}

const ASSETS = new Map<string, Asset>();
loadDir(fileURLToPath(new URL('./assets/', import.meta.url)), '', ASSETS);
const katexDist = path.dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));
ASSETS.set('katex/katex.min.css', load(path.join(katexDist, 'katex.min.css')));
// Only woff2: every browser that runs the CSS below it supports it, and the rest are dead weight.
for (const name of readdirSync(path.join(katexDist, 'fonts'))) {
  if (name.endsWith('.woff2')) ASSETS.set(`katex/fonts/${name}`, load(path.join(katexDist, 'fonts', name)));
}

/** The URL of an asset, with its content hash so that a changed file gets a new URL. */
export function assetUrl(name: string): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`No asset named ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

/** Routes serving /assets/*. */
export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:name{.+}', (c) => {
    const asset = ASSETS.get(c.req.param('name'));
    if (!asset) throw notFound('There is no file at this address.');
    const v = c.req.query('v');
    // KaTeX fonts are referenced without a hash but only change with the package version.
    const long = v === asset.hash || c.req.param('name').startsWith('katex/fonts/');
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', long ? LONG : SHORT);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
