// Batching a source's pages: full batches, a pause closing a batch, a failure handing on what came before it.
import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages of `sizes[i]` items each, one per tick; the page at `failAt` fails instead. */
async function* pages(sizes: number[], failAt?: number): AsyncGenerator<number[]> {
  for (let i = 0; i < sizes.length; i++) {
    await sleep(0);
    if (i === failAt) throw new Error(`page ${i} is malformed`);
    yield Array.from({ length: sizes[i] as number }, (_, k) => i * 100 + k);
  }
}

async function collect<T>(batches: AsyncIterable<T[][]>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const batch of batches) out.push(batch.map((page) => (page as unknown as number[]).length));
  return out;
}

describe('coalesce', () => {
  it('groups pages that come quickly until a batch holds max items; the rest ends the last batch', async () => {
    const got = await collect(coalesce(pages([4, 4, 4, 4, 4, 1]), { size: (p) => p.length, max: 10, idleMs: 1000 }));
    expect(got).toEqual([
      [4, 4, 4],
      [4, 4, 1],
    ]);
  });

  it('closes a batch when the next page is slow to come, so nothing waits through a pause', async () => {
    let made = 0;
    async function* paused(): AsyncGenerator<number[]> {
      for (let i = 0; i < 4; i++) {
        if (i === 2) await sleep(300);
        made++;
        yield [i, i];
      }
    }
    const batches: { pages: number[][]; madeBefore: number }[] = [];
    for await (const batch of coalesce(paused(), { size: (p) => p.length, max: 100, idleMs: 50 })) batches.push({ pages: batch, madeBefore: made });
    expect(batches.map((b) => b.pages.map((p) => p[0]))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // The first batch was handed on during the pause, before the third page existed.
    expect(batches[0]?.madeBefore).toBe(2);
  });

  it('hands on the pages before a failure, then the failure', async () => {
    const got: number[][] = [];
    const run = async () => {
      for await (const batch of coalesce(pages([3, 3, 3], 2), { size: (p) => p.length, max: 100, idleMs: 1000 })) got.push(batch.flat());
    };
    await expect(run()).rejects.toThrow('page 2 is malformed');
    expect(got).toEqual([[0, 1, 2, 100, 101, 102]]);
  });

  it('fetches the next page while a batch is being handled, and leaves no rejection unhandled', async () => {
    const fetched: number[] = [];
    async function* tracked(): AsyncGenerator<number> {
      for (let i = 0; i < 3; i++) {
        fetched.push(i);
        if (i === 2) throw new Error('gone');
        yield i;
      }
    }
    const handled: number[][] = [];
    const run = async () => {
      for await (const batch of coalesce(tracked(), { size: () => 1, max: 1, idleMs: 1000 })) {
        // While the first batch is handled, the second page has already been asked for.
        if (handled.length === 0) expect(fetched).toEqual([0, 1]);
        await sleep(20);
        handled.push(batch);
      }
    };
    await expect(run()).rejects.toThrow('gone');
    expect(handled).toEqual([[0], [1]]);
  });
});
