/**
 * Reading arXiv's XML: a strict parser (saxes: any document that is not well-formed XML, a
 * truncated answer included, is refused), the root element checked, and the document turned into
 * plain objects. Malformed input becomes a SourceError that says what was expected, never a
 * partly parsed result.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SourceError } from '../http/source-error.ts';

/**
 * A parsed element: attributes (`@_name`), children by local name (an array when repeated) and
 * its text (`#text`). An element with neither attributes nor children is just its text.
 */
export type XmlNode = Record<string, unknown>;

/** Elements that may repeat; always parsed as arrays so one and many look the same. */
const REPEATED = new Set(['record', 'version', 'setSpec', 'entry', 'author', 'category', 'link', 'error', 'doi']);

/** arXiv's prefixes (arxiv:, opensearch:, dc:) are fixed in practice; local names are enough. */
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * The text as a string of its own: the parser hands out slices of the whole answer, and one kept
 * title would keep the answer's megabytes alive for as long as the paper is held.
 */
const ownCopy = (text: string): string => ` ${text}`.slice(1);

interface OpenElement {
  name: string;
  node: XmlNode;
  text: string;
  bare: boolean;
}

function openElement(tag: SaxesTagPlain): OpenElement {
  const node: XmlNode = {};
  let bare = true;
  for (const [name, value] of Object.entries(tag.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    node[`@_${localName(name)}`] = ownCopy(value);
    bare = false;
  }
  return { name: localName(tag.name), node, text: '', bare };
}

/** Hangs a closed element on its parent: repeated names become arrays. */
function attach(parent: OpenElement, name: string, value: unknown): void {
  parent.bare = false;
  const slot = parent.node[name];
  if (slot === undefined) parent.node[name] = REPEATED.has(name) ? [value] : value;
  else if (Array.isArray(slot)) slot.push(value);
  else parent.node[name] = [slot, value];
}

/** The document's root element, by local name and value; throws the parser's error on malformed XML. */
function readTree(xml: string): { name: string; value: unknown } {
  const parser = new SaxesParser();
  const stack: OpenElement[] = [];
  let root: { name: string; value: unknown } | undefined;
  const addText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('opentag', (tag) => stack.push(openElement(tag)));
  parser.on('closetag', () => {
    const el = stack.pop() as OpenElement;
    const text = ownCopy(el.text.trim());
    if (text && !el.bare) el.node['#text'] = text;
    const value = el.bare ? text : el.node;
    const parent = stack[stack.length - 1];
    if (parent) attach(parent, el.name, value);
    else root = { name: el.name, value };
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/**
 * Parses `xml` and returns its root element, which must be `root`. `what` names the expected
 * document in errors ("an OAI-PMH answer"); `url` says where it came from.
 */
export function parseXmlDocument(xml: string, root: string, what: string, url = ''): XmlNode {
  const fail = (why: string): never => {
    throw new SourceError(`${why} where ${what} was expected${url ? ` (${url})` : ''}`, { url, retryable: false });
  };
  const head = xml.trimStart().slice(0, 512);
  if (!head) fail('empty answer');
  if (/^(?:<!doctype html|<html)/i.test(head) || (/<html[\s>]/i.test(head) && !head.includes(`<${root}`))) {
    const title = /<title[^>]*>([^<]*)/i.exec(xml)?.[1]?.trim();
    fail(`an HTML page${title ? ` ("${title.slice(0, 100)}")` : ''}`);
  }
  let doc: { name: string; value: unknown };
  try {
    doc = readTree(xml);
  } catch (err) {
    // saxes says "LINE:COLUMN: what"; the line is what a reader looks for.
    const message = err instanceof Error ? err.message : String(err);
    const at = /^(\d+):\d+: ([^]*)$/.exec(message);
    return fail(`malformed XML (${at ? `line ${at[1]}: ${at[2]}` : message})`);
  }
  if (doc.name !== root) fail(`a document with root <${doc.name}>`);
  return typeof doc.value === 'object' && doc.value !== null ? (doc.value as XmlNode) : {};
}

/** The text content of a parsed element (string, or `#text` of an element with attributes). */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as XmlNode)['#text']);
  return '';
}

/** An attribute of a parsed element, or undefined. */
export function attr(v: unknown, name: string): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const a = (v as XmlNode)[`@_${name}`];
  return typeof a === 'string' ? a : undefined;
}

/** A child element as a node ({} when missing or text-only). */
export function child(v: unknown, name: string): XmlNode {
  const c = v && typeof v === 'object' ? (v as XmlNode)[name] : undefined;
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as XmlNode) : {};
}

/** A repeated child as an array (empty when missing). */
export function children(v: unknown, name: string): unknown[] {
  const c = v && typeof v === 'object' ? (v as XmlNode)[name] : undefined;
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}
