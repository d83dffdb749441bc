import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storedZip } from '../../../../../src-main/core/ml/export/stored-zip.ts';

/** Reads a zip the way unzip does: end record -> central directory -> each local header and its bytes. */
function readZip(zip: Buffer): Array<{ name: string; bytes: Buffer; method: number; crcOk: boolean }> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end); // the directory ends where the end record starts
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.subarray(local + 30, local + 30 + nameLen).toString('utf8')).toBe(name);
    const bytes = zip.subarray(local + 30 + nameLen + zip.readUInt16LE(local + 28), local + 30 + nameLen + zip.readUInt16LE(local + 28) + size);
    out.push({ name, bytes, method, crcOk: crc32(bytes) === crc && zip.readUInt32LE(local + 14) === crc });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('storedZip', () => {
  it('stores each file whole, with its CRC, findable through the central directory', () => {
    const files = [
      { name: 'model.json', bytes: Buffer.from('{"a":1}') },
      { name: 'weights.bin', bytes: Buffer.from(Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i)).buffer) },
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
      { name: 'visages-é.json', bytes: Buffer.from('é') },
    ];
    const entries = readZip(storedZip(files, new Date(2026, 11, 2, 13, 45, 10)));
    expect(entries.map((e) => e.name)).toEqual(files.map((f) => f.name));
    for (const [i, e] of entries.entries()) {
      expect(e.method).toBe(0);
      expect(e.crcOk).toBe(true);
      expect(e.bytes.equals(files[i]!.bytes)).toBe(true);
    }
  });

  it('writes the date and time in DOS form (what unzip shows)', () => {
    const zip = storedZip([{ name: 'a', bytes: Buffer.from('x') }], new Date(2026, 11, 2, 13, 45, 10));
    expect(zip.readUInt16LE(10)).toBe((13 << 11) | (45 << 5) | 5);
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (12 << 5) | 2);
  });
});
