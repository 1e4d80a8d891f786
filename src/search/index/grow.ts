/** Growable typed arrays: amortized doubling, so appending n values copies O(n) in total. */

type Typed = Int8Array | Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

/** Returns `arr`, or a copy at least `need` long (doubled) holding the same prefix. */
export function ensure<T extends Typed>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  const Ctor = arr.constructor as new (n: number) => T;
  const next = new Ctor(Math.max(need, arr.length * 2, 16));
  next.set(arr as never);
  return next;
}

/**
 * Returns `arr`, or a copy exactly `need` long holding the same prefix: room made once for a
 * known count, without the doubling's spare half or its copies along the way.
 */
export function reserve<T extends Typed>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  const Ctor = arr.constructor as new (n: number) => T;
  const next = new Ctor(need);
  next.set(arr as never);
  return next;
}
