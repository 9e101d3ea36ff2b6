// SHA-256 of a file's bytes, hex. Small inputs (an exit ticket, a new assessment) are hashed here in
// JavaScript: loading node:crypto costs a command about 4 ms, several times what hashing a few
// kilobytes takes. Larger inputs, and everything once a command has hashed 64 KiB, go to
// node:crypto, whose native code wins as the volume grows.
// Both give the same digest (test/store/sha256.test.ts checks them against each other).
import type { Hash } from 'node:crypto';

/** Beyond this, node:crypto's native hashing pays for loading it. */
const SMALL = 16 * 1024;

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** FIPS 180-4 SHA-256, for inputs that fit in memory. */
export function sha256Js(data: Uint8Array): string {
  const n = data.length;
  // The message, a 1 bit, zeros, and its length in bits as 64 bits: a whole number of 64-byte blocks.
  const len = ((n + 72) >>> 6) << 6;
  const buf = new Uint8Array(len);
  buf.set(data);
  buf[n] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(len - 8, Math.floor(n / 0x20000000));
  view.setUint32(len - 4, (n << 3) >>> 0);
  const H = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const W = new Int32Array(64);
  for (let off = 0; off < len; off += 64) {
    for (let t = 0; t < 16; t++) W[t] = view.getInt32(off + (t << 2));
    for (let t = 16; t < 64; t++) {
      const x = W[t - 15]!;
      const y = W[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[t] = (s0 + s1 + W[t - 16]! + W[t - 7]!) | 0;
    }
    let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    const v = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) H[i] = (H[i]! + v[i]!) | 0;
  }
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (H[i]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** node:crypto's SHA-256, loaded on first use. */
export function sha256Hash(): Hash {
  return process.getBuiltinModule('node:crypto').createHash('sha256');
}

/**
 * Bytes hashed in JavaScript by this process. Past this budget (a folder just copied or checked out,
 * whose every file is read and hashed again) node:crypto pays for loading it.
 */
let hashedHere = 0;
const BUDGET = 64 * 1024;

/** The SHA-256 of these bytes (or of this text as UTF-8), hex. */
export function sha256(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length <= SMALL && hashedHere + bytes.length <= BUDGET) {
    hashedHere += bytes.length;
    return sha256Js(bytes);
  }
  return sha256Hash().update(bytes).digest('hex');
}
