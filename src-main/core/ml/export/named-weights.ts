/**
 * A TF.js layers model's weights as named float32 arrays, read from and written to the weights manifest
 * and its binary file. Pure data: the exporter rewrites checkpoints without loading TF.js.
 */

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Splits `bin` by the manifest, in manifest order. Checkpoints hold float32 only; anything else is refused. */
export function readWeights(specs: readonly WeightSpec[], bin: Uint8Array): Map<string, NamedWeight> {
  const out = new Map<string, NamedWeight>();
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32') throw new Error(`weight ${s.name} is ${s.dtype}; only float32 weights are supported.`);
    const bytes = count(s.shape) * 4;
    if (offset + bytes > bin.byteLength) throw new Error(`the weights file is shorter than its manifest (${s.name} needs bytes ${offset}..${offset + bytes} of ${bin.byteLength}).`);
    // Copied: the bytes' offset need not be 4-aligned (and a Buffer's slice is a view of a larger pool).
    const values = new Float32Array(bytes / 4);
    new Uint8Array(values.buffer).set(bin.subarray(offset, offset + bytes));
    out.set(s.name, { name: s.name, shape: [...s.shape], values });
    offset += bytes;
  }
  if (offset !== bin.byteLength) throw new Error(`the weights file has ${bin.byteLength - offset} bytes more than its manifest.`);
  return out;
}

/** The manifest entries and the concatenated bytes of `weights`, in order. */
export function writeWeights(weights: readonly NamedWeight[]): { specs: WeightSpec[]; bin: Buffer } {
  const specs = weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' }));
  const bin = Buffer.concat(weights.map((w) => Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)));
  return { specs, bin };
}
