// "Did you mean": which words are corrected, and which spelling of a term a correction takes.
import { describe, expect, it } from 'vitest';
import { MemoryIndex } from './index/memory-index.ts';
import { suggestQuery } from './suggest.ts';
import { SynonymTable } from './text/synonyms.ts';

function indexOf(texts: string[]): MemoryIndex {
  const index = new MemoryIndex(new SynonymTable());
  texts.forEach((abstract, i) => index.add({ id: `p${i}`, title: `Paper ${i}`, abstract, authors: [] }));
  index.commit();
  return index;
}

const index = indexOf([
  'Speculative decoding with draft models.',
  'Speculative decoding for diffusion models.',
  'Diffusion models and attention.',
  'Attention in diffusion models.',
]);

describe('suggestQuery', () => {
  it('corrects each misspelled word, keeping the rest and the capital', () => {
    expect(suggestQuery('Difusion modles', index)).toBe('Diffusion models');
    expect(suggestQuery('attenton in diffusion', index)).toBe('attention in diffusion');
  });

  it('spells a correction the way the typing slip most likely went', () => {
    // "speculate" (one letter dropped) is the same term as "speculative" (one letter added):
    // a letter left out is the likelier slip.
    expect(suggestQuery('speculatve decoding', index)).toBe('speculative decoding');
    // Swapped letters before a letter added: "models", not "modeles".
    expect(suggestQuery('modles', index)).toBe('models');
  });

  it('offers nothing for words spelled right, short words, or words far from any', () => {
    expect(suggestQuery('speculative decoding', index)).toBeUndefined();
    expect(suggestQuery('dfm', index)).toBeUndefined();
    expect(suggestQuery('zebrafish', index)).toBeUndefined();
    expect(suggestQuery('x'.repeat(400), index)).toBeUndefined();
    // Stopwords are in no index: "with" is not "width", "from" not "form".
    const common = indexOf(['Width and form of a chat.', 'A form of width.', 'Chat width, form.']);
    expect(suggestQuery('models with attention from chat', common)).toBeUndefined();
    expect(suggestQuery('widht', common)).toBe('width');
  });

  it('leaves English words alone, and never corrects to a made-up spelling of a common term', () => {
    const papers = indexOf([
      ...Array.from({ length: 20 }, () => 'Agents act and agents plan.'),
      'Attention heads.',
      'Attention maps.',
      'Talk about tasks and tasks.',
      'More tasks.',
    ]);
    // No paper has "talking", "matting" or "song", but they are words.
    expect(suggestQuery('talking', papers)).toBeUndefined();
    expect(suggestQuery('matting song', papers)).toBeUndefined();
    // "agention" (a letter changed) shares the term of "agents" that 20 papers have; "attention" is a word.
    expect(suggestQuery('atention', papers)).toBe('attention');
  });

  it('takes a spelling no English word list has only from a likely slip, not one at the first letter', () => {
    const papers = indexOf(Array.from({ length: 20 }, () => 'The tokenizer splits text.'));
    // A letter left out inside the word: "tokenizer", though no word list has it.
    expect(suggestQuery('tokenzer', papers)).toBe('tokenizer');
    // Left out at the first letter, people seldom slip: no suggestion of a word no list knows.
    expect(suggestQuery('okenizer', papers)).toBeUndefined();
  });
});
