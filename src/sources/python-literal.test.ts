// Python dict literals kept as strings are read back into objects; anything else is not.
import { describe, expect, it } from 'vitest';
import { parsePythonDict } from './python-literal.ts';

describe('parsePythonDict', () => {
  it('reads what repr() prints of a dict: quotes of both kinds, escapes, True/False/None, numbers', () => {
    const text = `{'paper': {'id': '2412.07760', 'title': "It's None of True's business", 'summary': 'Line one\\nline two \\\\ done \\x41', 'upvotes': 12, 'score': -1.5e3, 'hidden': False, 'claimed': True, 'org': None, 'authors': [{'name': 'Ada'}, {'name': 'Zoë'}]}}`;
    expect(parsePythonDict(text)).toEqual({
      paper: {
        id: '2412.07760',
        title: "It's None of True's business",
        summary: 'Line one\nline two \\ done A',
        upvotes: 12,
        score: -1500,
        hidden: false,
        claimed: true,
        org: null,
        authors: [{ name: 'Ada' }, { name: 'Zoë' }],
      },
    });
  });

  it('leaves what is not a dict literal alone', () => {
    for (const text of ['just a string', '[1, 2]', "{'a': ('tuple', 1)}", "{'a': set()}", "{'a': b'bytes'}", "{'a': 1", '']) expect(parsePythonDict(text), text).toBeUndefined();
  });
});
