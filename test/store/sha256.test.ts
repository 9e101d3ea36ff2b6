import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Js } from '../../src/store/sha256.ts';

const native = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Js(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Js(text(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Js(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256(text('a'.repeat(1_000_000)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const b = randomBytes(n);
      expect(sha256Js(b), `length ${n}`).toBe(native(b));
    }
    for (const n of [1000, 4096, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 70_000]) {
      const b = randomBytes(n);
      expect(sha256Js(b), `length ${n}`).toBe(native(b));
      expect(sha256(b), `length ${n}`).toBe(native(b));
    }
  });

  it('gives the same digests before and after its JavaScript budget is spent', () => {
    for (let k = 0; k < 100; k++) {
      const b = randomBytes(1000 + k);
      expect(sha256(b), `file ${k}`).toBe(native(b));
    }
  });

  it('hashes text as its UTF-8 bytes', () => {
    expect(sha256('Zoë Müller, 3/4')).toBe(native(Buffer.from('Zoë Müller, 3/4', 'utf8')));
  });
});
