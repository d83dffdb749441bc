/** Hand-made 48x48 pictures for the duplicate tests: smooth, seeded, distinct per seed, with headroom below 255. */
export const SIDE = 48;

export function picture(seed: number): Uint8Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const blobs = Array.from({ length: 5 }, () => ({ x: rnd() * SIDE, y: rnd() * SIDE, r: 4 + rnd() * 12, a: 60 + rnd() * 120 }));
  const p = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      let v = 40 + x;
      for (const b of blobs) v += b.a * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
      p[y * SIDE + x] = Math.min(200, Math.round(v)); // headroom: a brightened copy must not clip
    }
  }
  return p;
}

/** A copy with each pixel mapped (clamped to 0..255): brighter, contrastier, noisier. */
export const mapPixels = (p: Uint8Array, f: (v: number, i: number) => number): Uint8Array =>
  Uint8Array.from(p, (v, i) => Math.max(0, Math.min(255, Math.round(f(v, i)))));
