import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './dependency-order.ts';

describe('dependencyOrder', () => {
  it('puts each name after what it depends on, ties by name', () => {
    expect(
      dependencyOrder([
        { name: 'votes', after: ['users', 'papers'] },
        { name: 'comments', after: ['comments', 'papers', 'users'] },
        { name: 'users', after: [] },
        { name: 'papers', after: [] },
      ]),
    ).toEqual(['papers', 'users', 'comments', 'votes']);
  });

  it('ignores names it was not given and refuses a cycle', () => {
    expect(dependencyOrder([{ name: 'a', after: ['elsewhere'] }])).toEqual(['a']);
    expect(() => dependencyOrder([{ name: 'a', after: ['b'] }, { name: 'b', after: ['a'] }])).toThrow(/cycle: a, b/);
  });
});
