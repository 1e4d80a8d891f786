// Topic floors: kept while fresh, searched again once stale, the oldest dropped past the cap.
import { describe, expect, it } from 'vitest';
import { TopicFloors } from './topic-floors.ts';

describe('TopicFloors', () => {
  it('keeps a floor for its time to live, then forgets it', () => {
    let t = 0;
    const floors = new TopicFloors({ ttlMs: 1000, now: () => t });
    floors.set('speculative decoding', 12.5);
    t = 1000;
    expect(floors.get('speculative decoding')).toBe(12.5);
    t = 1001;
    expect(floors.get('speculative decoding')).toBeUndefined();
    expect(floors.size).toBe(0);
  });

  it('drops the oldest topic past its cap, and a topic set again counts as new', () => {
    const floors = new TopicFloors({ max: 2 });
    floors.set('a', 1);
    floors.set('b', 2);
    floors.set('a', 3);
    floors.set('c', 4);
    expect([floors.get('a'), floors.get('b'), floors.get('c')]).toEqual([3, undefined, 4]);
  });
});
