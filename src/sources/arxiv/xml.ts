/**
 * Reading arXiv's XML: validate first (fast-xml-parser does not), check the root element, then
 * parse into plain objects. Malformed input becomes a SourceError that says what was expected,
 * never a partly parsed result.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError } from '../http/source-error.ts';

/** A parsed element: text, attributes (`@_name`) and children by local name. */
export type XmlNode = Record<string, unknown>;

/** Elements that may repeat; always parsed as arrays so one and many look the same. */
const REPEATED = new Set(['record', 'version', 'setSpec', 'entry', 'author', 'category', 'link', 'error', 'doi']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // arXiv's prefixes (arxiv:, opensearch:, dc:) are fixed in practice; local names are enough.
  removeNSPrefix: true,
  // Ids like "0803.4354" must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Decodes numeric character references (&#233;) as well as the XML ones.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
  // Callbacks get the path matcher rather than a path string built for every element.
  jPath: false,
});

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
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail(`malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parser.parse(xml) as XmlNode;
  const top = Object.keys(doc).filter((k) => k !== '?xml');
  if (top.length !== 1 || top[0] !== root) fail(`a document with root <${top.join(', ') || 'none'}>`);
  const node = doc[root];
  return typeof node === 'object' && node !== null ? (node as XmlNode) : {};
}

/** The text content of a parsed element (string, or `#text` of an element with attributes). */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
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
