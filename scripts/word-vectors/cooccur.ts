/**
 * Weighted co-occurrence counts of word pairs, in an open-addressing hash table of typed arrays
 * (tens of millions of pairs: a Map would be too big and too slow). Pairs are unordered: the
 * smaller id goes first.
 */
const EMPTY = 0xffffffff;

export class PairCounts {
  private keys: Uint32Array;
  private vals: Float32Array;
  private mask: number;
  size = 0;

  /** `words` must be at most 65,535 so a pair fits in 32 bits. */
  constructor(
    private readonly words: number,
    capacityLog2 = 22,
  ) {
    if (words > 0xffff) throw new Error('PairCounts: at most 65,535 words');
    this.keys = new Uint32Array(1 << capacityLog2).fill(EMPTY);
    this.vals = new Float32Array(1 << capacityLog2);
    this.mask = (1 << capacityLog2) - 1;
  }

  add(a: number, b: number, w: number): void {
    const key = a < b ? a * this.words + b : b * this.words + a;
    let slot = this.home(key);
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) {
        this.vals[slot]! += w;
        return;
      }
      if (k === EMPTY) break;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = key;
    this.vals[slot] = w;
    if (++this.size * 2 > this.keys.length) this.grow();
  }

  /** Calls `fn` once per pair with its total weight. */
  forEach(fn: (a: number, b: number, w: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]!;
      if (k !== EMPTY) fn(Math.floor(k / this.words), k % this.words, this.vals[i]!);
    }
  }

  // Where a key's probe starts (Fibonacci hashing).
  private home(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Uint32Array(keys.length * 2).fill(EMPTY);
    this.vals = new Float32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === EMPTY) continue;
      let slot = this.home(key);
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.vals[slot] = vals[i]!;
    }
  }
}
