/**
 * Places in a JSON text, so that a problem in a file of thousands of lines can be found: where a
 * text stops being JSON (line and column), and the line each item of a JSON array starts on.
 */
import JSON5 from 'json5';

/** Text up to which the JSON5 reader is run to find an error V8 gives no position for. */
const MAX_LOCATE = 20 * 1024 * 1024;

/**
 * Where JSON.parse stopped in `text`, as "line L, column C" (from 1), so that a broken file of
 * thousands of lines can be mended: V8's position when it gives one, the end for a truncated
 * file, else the place the JSON5 reader stops at (JSON5 accepts a few things JSON does not,
 * single quotes and comments: for those no place is given).
 */
export function jsonErrorPlace(text: string, message: string): string | undefined {
  const at = /at position (\d+)/.exec(message);
  let offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) {
    if (text.length > MAX_LOCATE) return undefined;
    try {
      JSON5.parse(text);
      return undefined;
    } catch (err) {
      const { lineNumber, columnNumber } = err as { lineNumber?: number; columnNumber?: number };
      return lineNumber && columnNumber ? `line ${lineNumber}, column ${columnNumber}` : undefined;
    }
  }
  offset = Math.min(offset, text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * The line (from 1) each item of a JSON array starts on, from a text that parses as one: a
 * rejected item is named as a JSONL line is, so it can be found in a pretty-printed answer.
 * Only brackets, braces and commas outside strings count (a JSON string holds no raw line break).
 */
export function itemLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let itemNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '\n') line++;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && itemNext && c !== ']') {
      starts.push(line);
      itemNext = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') itemNext = ++depth === 1;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) itemNext = true;
  }
  return starts;
}
