/**
 * Truncated SVD of a large sparse matrix by random projection with power iterations (Halko,
 * Martinsson and Tropp, 2011): the range of A is caught in a few sparse products, and only a
 * small (k + oversampling)-square matrix is decomposed exactly, by ml-matrix.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type Csr, type Dense, dense, mul, mulT } from './sparse.ts';

export interface Svd {
  /** Left singular vectors, rows × k, row-major. */
  u: Dense;
  /** Singular values, largest first. */
  s: Float64Array;
}

export interface SvdOptions {
  oversample?: number;
  powerIterations?: number;
  /** Seeded, so the same corpus gives the same vectors. */
  seed?: number;
  onStep?: (step: string) => void;
}

/** The k largest singular values of `a` and their left singular vectors. */
export function truncatedSvd(a: Csr, k: number, opts: SvdOptions = {}): Svd {
  const l = Math.min(k + (opts.oversample ?? 16), a.rows, a.cols);
  const rand = normalRandom(opts.seed ?? 1);
  const omega = dense(a.cols, l);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = rand();
  let q = orthonormalize(mul(a, omega));
  for (let it = 0; it < (opts.powerIterations ?? 3); it++) {
    opts.onStep?.(`power iteration ${it + 1}`);
    q = orthonormalize(mul(a, orthonormalize(mulT(a, q))));
  }
  // B = Qᵀ·A is small (l × cols); the eigenvectors of B·Bᵀ rotate Q into A's left singular vectors.
  const bt = mulT(a, q);
  const bbt = new Matrix(l, l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let sum = 0;
      for (let r = 0; r < bt.rows; r++) sum += bt.data[r * l + i]! * bt.data[r * l + j]!;
      bbt.set(i, j, sum);
      bbt.set(j, i, sum);
    }
  }
  const evd = new EigenvalueDecomposition(bbt, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]).slice(0, k);
  const eig = evd.eigenvectorMatrix;
  // w[j][c]: component j of the eigenvector with the c-th largest eigenvalue.
  const w = new Float64Array(l * k);
  for (let j = 0; j < l; j++) for (let c = 0; c < k; c++) w[j * k + c] = eig.get(j, order[c]![1]);
  const u = dense(a.rows, k);
  for (let r = 0; r < a.rows; r++) {
    for (let j = 0; j < l; j++) {
      const qv = q.data[r * l + j]!;
      for (let c = 0; c < k; c++) u.data[r * k + c]! += qv * w[j * k + c]!;
    }
  }
  return { u, s: Float64Array.from(order, ([v]) => Math.sqrt(Math.max(0, v))) };
}

/** An orthonormal basis of X's columns (modified Gram-Schmidt, twice for accuracy), in place. */
export function orthonormalize(x: Dense): Dense {
  const { rows, cols } = x;
  // Column after column, so each column is contiguous.
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = x.data[r * cols + c]!;
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < cols; c++) {
      const cc = c * rows;
      for (let p = 0; p < c; p++) {
        const pp = p * rows;
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += t[cc + r]! * t[pp + r]!;
        for (let r = 0; r < rows; r++) t[cc + r]! -= dot * t[pp + r]!;
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += t[cc + r]! ** 2;
      const inv = norm > 1e-300 ? 1 / Math.sqrt(norm) : 0;
      for (let r = 0; r < rows; r++) t[cc + r]! *= inv;
    }
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) x.data[r * cols + c] = t[c * rows + r]!;
  return x;
}

// Standard normal numbers from a small seeded generator (mulberry32 and Box-Muller).
function normalRandom(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
