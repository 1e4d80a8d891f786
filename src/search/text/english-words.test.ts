// The English word list: words of the language are in it, made-up spellings and typos are not.
import { describe, expect, it } from 'vitest';
import { isEnglishWord } from './english-words.ts';

describe('isEnglishWord', () => {
  it('knows words of the language, inflected ones too', () => {
    for (const w of ['talking', 'matting', 'song', 'quicker', 'imitate', 'diffusion', 'transformers', 'attention']) expect(isEnglishWord(w), w).toBe(true);
  });

  it('does not know typos or spellings made up from a common stem', () => {
    for (const w of ['atention', 'agention', 'difusion', 'limitate', 'realely', 'qatting', 'liing', '']) expect(isEnglishWord(w), w).toBe(false);
  });
});
