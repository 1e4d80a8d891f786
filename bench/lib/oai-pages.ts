/**
 * An OAI-PMH server for the ingestion benchmark: renders corpus records as arXivRaw ListRecords
 * pages in the layout of the recorded real answer (test/fixtures/arxiv/oai), chained by
 * resumption tokens, and serves them one at a time. Pages are rendered up front, so serving
 * them costs next to nothing while the harvest is measured.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function rfc822(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} 12:00:00 GMT`;
}

function record(r: Record<string, unknown>): string {
  const id = String(r['id']);
  const cats = (r['categories'] as string[] | undefined) ?? [];
  const date = String(r['published'] ?? '2025-01-01');
  const set = (cats[0] ?? 'cs').split('.')[0];
  return `<record><header><identifier>oai:arXiv.org:${esc(id)}</identifier><datestamp>${date}</datestamp><setSpec>${set}</setSpec></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>${esc(id)}</id><submitter>${esc(String((r['authors'] as string[] | undefined)?.[0] ?? 'Anonymous'))}</submitter>
<version version="v1"><date>${rfc822(date)}</date><size>512kb</size><source_type>D</source_type></version>
<title>${esc(String(r['title'] ?? ''))}</title><authors>${esc(((r['authors'] as string[] | undefined) ?? []).join(', '))}</authors>
<categories>${esc(cats.join(' '))}</categories><license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license>
<abstract>${esc(String(r['abstract'] ?? ''))}</abstract></arXivRaw></metadata></record>`;
}

function page(records: Record<string, unknown>[], set: string, start: number, size: number): string {
  const slice = records.slice(start, start + size);
  const next = start + size < records.length ? `${set}|${start + size}` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXivRaw">http://export.arxiv.org/oai2</request><ListRecords>
${slice.map(record).join('\n')}
<resumptionToken cursor="${start}" completeListSize="${records.length}">${next}</resumptionToken></ListRecords></OAI-PMH>`;
}

/** Serves `records` as ListRecords pages of `size`, by OAI set (primary category's); returns the base URL. */
export async function startOaiServer(
  records: Record<string, unknown>[],
  size: number,
  setOf: (category: string) => string,
): Promise<{ url: string; close(): Promise<void> }> {
  const bySet = new Map<string, Record<string, unknown>[]>();
  for (const r of records) {
    const primary = ((r['categories'] as string[] | undefined) ?? [])[0];
    if (!primary) continue;
    const set = setOf(primary);
    const list = bySet.get(set) ?? [];
    list.push(r);
    bySet.set(set, list);
  }
  // Every page is rendered before the server listens: a remote arXiv spends none of the measured machine's CPU.
  const pages = new Map<string, Buffer>();
  for (const [set, list] of bySet) {
    for (let start = 0; start === 0 || start < list.length; start += size) pages.set(`${set}|${start}`, Buffer.from(page(list, set, start, size)));
  }
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const token = u.searchParams.get('resumptionToken') ?? `${u.searchParams.get('set') ?? ''}|0`;
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(pages.get(token) ?? page([], token.split('|')[0] ?? '', 0, size));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
