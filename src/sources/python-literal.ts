/**
 * Records some Hugging Face dumps hold as Python literals (a dict printed with repr(), kept as a
 * string: "{'paper': {'id': '2412.07760', 'hidden': False, ...}}"): read back into the object they
 * print. Python's literal syntax here is JSON5's (single-quoted strings, \x escapes) but for its
 * three names True, False and None, which are rewritten outside strings first. Anything else
 * (calls, sets, bytes) fails to parse, and the record stays rejected.
 */
import JSON5 from 'json5';

const NAMES: Record<string, string> = { True: 'true', False: 'false', None: 'null' };

/** The object a Python dict literal prints, or undefined when the text is not one. */
export function parsePythonDict(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON5.parse(withJsonNames(t));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// True/False/None outside string literals become JSON's names; strings are copied as they are.
function withJsonNames(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /\w/.test(s[j]!)) j++;
      const word = s.slice(i, j);
      out += NAMES[word] ?? word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
