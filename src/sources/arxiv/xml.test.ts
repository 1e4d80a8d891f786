// Reading XML into plain objects: the shapes the arXiv parsers rely on, and every kind of malformed input refused.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { attr, child, children, parseXmlDocument, textOf } from './xml.ts';

const parse = (xml: string) => parseXmlDocument(xml, 'feed', 'a test feed', 'https://x.example/feed');

describe('parseXmlDocument', () => {
  it('keeps local names, attributes, text, repeated elements and decoded entities', () => {
    const root = parse(`<?xml version="1.0"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
        <entry><title>  A &amp; B &#233;t&#xE9; </title><arxiv:primary_category term="cs.LG" scheme="s"/>
          <link href="https://a" rel="alternate"/><link href="https://b" title="pdf"/>
          <summary><![CDATA[x < y]]></summary><empty/><note kind="k">text</note></entry>
        <!-- a comment --><?pi ignored?>
      </feed>`);
    const entries = children(root, 'entry');
    expect(entries).toHaveLength(1);
    const e = entries[0] as Record<string, unknown>;
    expect(textOf(e['title'])).toBe('A & B été');
    expect(attr(child(e, 'primary_category'), 'term')).toBe('cs.LG');
    expect(children(e, 'link').map((l) => attr(l, 'href'))).toEqual(['https://a', 'https://b']);
    expect(textOf(e['summary'])).toBe('x < y');
    expect(e['empty']).toBe('');
    expect(textOf(child(e, 'note'))).toBe('text');
    expect(attr(child(e, 'note'), 'kind')).toBe('k');
    // Namespace declarations are not attributes of the document.
    expect(Object.keys(root).filter((k) => k.startsWith('@_'))).toEqual([]);
  });

  it('turns an element that repeats into an array even when it is not expected to', () => {
    const root = parse('<feed><tag>a</tag><tag>b</tag><tag>c</tag></feed>');
    expect(children(root, 'tag')).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['truncated', '<feed><entry><title>cut', /^malformed XML \(line 1: .*\) where a test feed was expected \(https:\/\/x\.example\/feed\)$/],
    ['mismatched tags', '<feed><a></b></feed>', /^malformed XML \(line 1: /],
    ['an undefined entity', '<feed>&nbsp;</feed>', /^malformed XML \(line 1: /],
    ['two roots', '<feed/><feed/>', /^malformed XML \(line 1: /],
    ['text only', 'not xml at all', /^malformed XML/],
    ['empty', '   ', /^empty answer where a test feed was expected/],
    ['an HTML page', '<!DOCTYPE html><html><title>Oops</title></html>', /^an HTML page \("Oops"\) where a test feed was expected/],
    ['another root', '<rss><channel/></rss>', /^a document with root <rss> where a test feed was expected/],
    // Entities declared in a DOCTYPE are never expanded: no "billion laughs", no file read.
    [
      'nested entity declarations',
      '<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><feed><title>&b;</title></feed>',
      /^malformed XML \(line 1: undefined entity/,
    ],
    ['an external entity', '<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed><title>&x;</title></feed>', /^malformed XML \(line 1: undefined entity/],
  ])('refuses %s with a clear message', (_what, xml, message) => {
    expect(() => parse(xml)).toThrow(message);
  });

  it('keeps no slice of the document: a kept title does not keep its megabytes alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: unknown[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 20; i++) {
      // A fresh 2 MB document each time, with short and long texts and attributes to keep.
      const filler = `<pad>${'x'.repeat(2_000_000)}</pad>`;
      const root = parse(`<feed><a>${i} title text</a><b href="https://example.org/${i}/long/enough/path">${i} a longer text than that</b>${filler}</feed>`);
      kept.push(root['a'], child(root, 'b')['#text'], attr(child(root, 'b'), 'href'));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept).toHaveLength(60);
    // The 20 documents (40 MB) are gone; what is kept is a few kilobytes.
    expect(grown).toBeLessThan(8_000_000);
  });
});
