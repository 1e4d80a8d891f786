/**
 * Whether a lower-case word is an English word, by the word-list package's 274,000 words. Kept as
 * a sorted array of 32-bit hashes (about 1 MB, read once on first use) rather than a set of
 * strings (over 20 MB): a look-up is a binary search, and the one in 16,000 chance that a word
 * outside the list shares a listed word's hash only makes one misspelling go uncorrected.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let hashes: Uint32Array | undefined;

/** Whether `word` (lower case) is in the English word list. */
export function isEnglishWord(word: string): boolean {
  hashes ??= load();
  const h = hash(word);
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = hashes[mid]!;
    if (x === h) return true;
    if (x < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function load(): Uint32Array {
  const words = readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean);
  return Uint32Array.from(words, hash).sort();
}

// FNV-1a, 32 bits.
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
