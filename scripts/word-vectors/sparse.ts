/**
 * A sparse matrix in compressed rows, and the two products a randomized SVD needs: A·X and Aᵀ·X
 * for a dense, row-major X with a few columns.
 */

/** Rows of (column, value) pairs: row i spans rowStart[i] .. rowStart[i + 1]. */
export interface Csr {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

/** A dense row-major matrix. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function dense(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A·X. */
export function mul(a: Csr, x: Dense): Dense {
  if (x.rows !== a.cols) throw new Error('mul: shapes differ');
  const k = x.cols;
  const out = dense(a.rows, k);
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    for (let p = a.rowStart[i]!; p < a.rowStart[i + 1]!; p++) {
      const v = a.val[p]!;
      const xr = a.col[p]! * k;
      for (let c = 0; c < k; c++) out.data[o + c]! += v * x.data[xr + c]!;
    }
  }
  return out;
}

/** Aᵀ·X. */
export function mulT(a: Csr, x: Dense): Dense {
  if (x.rows !== a.rows) throw new Error('mulT: shapes differ');
  const k = x.cols;
  const out = dense(a.cols, k);
  for (let i = 0; i < a.rows; i++) {
    const xr = i * k;
    for (let p = a.rowStart[i]!; p < a.rowStart[i + 1]!; p++) {
      const v = a.val[p]!;
      const o = a.col[p]! * k;
      for (let c = 0; c < k; c++) out.data[o + c]! += v * x.data[xr + c]!;
    }
  }
  return out;
}

/** Builds compressed rows from (row, column, value) triples with distinct positions. */
export function csrFromTriples(rows: number, cols: number, r: Int32Array, c: Int32Array, v: Float32Array): Csr {
  const rowStart = new Int32Array(rows + 1);
  for (let i = 0; i < r.length; i++) rowStart[r[i]! + 1]!++;
  for (let i = 0; i < rows; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, rows);
  const col = new Int32Array(r.length);
  const val = new Float32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const at = fill[r[i]!]!++;
    col[at] = c[i]!;
    val[at] = v[i]!;
  }
  return { rows, cols, rowStart, col, val };
}
