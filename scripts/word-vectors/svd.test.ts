// Randomized truncated SVD against matrices whose decomposition is known, and the sparse products it uses.
import { describe, expect, it } from 'vitest';
import { csrFromTriples, dense, mul, mulT } from './sparse.ts';
import { orthonormalize, truncatedSvd } from './svd.ts';

describe('sparse products', () => {
  it('multiply by A and by its transpose', () => {
    // A = [[1, 0, 2], [0, 3, 0]]
    const a = csrFromTriples(2, 3, Int32Array.from([1, 0, 0]), Int32Array.from([1, 2, 0]), Float32Array.from([3, 2, 1]));
    const x = dense(3, 1);
    x.data.set([1, 2, 3]);
    expect(Array.from(mul(a, x).data)).toEqual([7, 6]);
    const y = dense(2, 1);
    y.data.set([1, 2]);
    expect(Array.from(mulT(a, y).data)).toEqual([1, 6, 2]);
  });
});

describe('truncatedSvd', () => {
  it('finds the singular values and vectors of a diagonal matrix, largest first', () => {
    const n = 40;
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const vals = Float32Array.from({ length: n }, (_, i) => (i === 7 ? 50 : i === 3 ? 30 : i === 20 ? 20 : 1 / (i + 1)));
    const { u, s } = truncatedSvd(csrFromTriples(n, n, idx, idx, vals), 3, { oversample: 8 });
    expect(Array.from(s).map((x) => Math.round(x * 1000) / 1000)).toEqual([50, 30, 20]);
    // Column c of U is ± the unit vector of that diagonal entry.
    [7, 3, 20].forEach((row, c) => expect(Math.abs(u.data[row * 3 + c]!)).toBeCloseTo(1, 6));
  });

  it('recovers a low-rank matrix', () => {
    // A = 5·p·qᵀ + 2·r·tᵀ with orthonormal p, r and q, t.
    const n = 30;
    const basis = dense(n, 4);
    let seed = 7;
    for (let i = 0; i < basis.data.length; i++) basis.data[i] = ((seed = (seed * 48271) % 2147483647) / 2147483647) - 0.5;
    orthonormalize(basis);
    const col = (c: number) => Array.from({ length: n }, (_, i) => basis.data[i * 4 + c]!);
    const [p, q, r, t] = [col(0), col(1), col(2), col(3)];
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        rows.push(i);
        cols.push(j);
        vals.push(5 * p[i]! * q[j]! + 2 * r[i]! * t[j]!);
      }
    }
    const { u, s } = truncatedSvd(csrFromTriples(n, n, Int32Array.from(rows), Int32Array.from(cols), Float32Array.from(vals)), 2);
    expect(s[0]).toBeCloseTo(5, 4);
    expect(s[1]).toBeCloseTo(2, 4);
    const dot = (a: number[], c: number) => a.reduce((acc, x, i) => acc + x * u.data[i * 2 + c]!, 0);
    expect(Math.abs(dot(p, 0))).toBeCloseTo(1, 4);
    expect(Math.abs(dot(r, 1))).toBeCloseTo(1, 4);
  });
});
