// Output goes to the file descriptors directly (src/cli/stdio.ts): every byte, in order, also when
// the descriptor takes only part of a write or cannot take any more (EAGAIN) and Node's stream
// takes over.
import { describe, expect, it } from 'vitest';
import { fdWriter } from '../../src/cli/stdio.ts';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** A descriptor that takes at most `chunk` bytes per write, and after `capacity` bytes refuses with EAGAIN. */
function fakeFd(chunk: number, capacity = Infinity) {
  const taken: number[] = [];
  const write = ((_fd: number, bytes: Uint8Array, offset = 0) => {
    if (taken.length >= capacity) throw errno('EAGAIN');
    const n = Math.min(chunk, bytes.length - offset, capacity - taken.length);
    for (let i = 0; i < n; i++) taken.push(bytes[offset + i]!);
    return n;
  }) as unknown as typeof import('node:fs').writeSync;
  return { write, text: () => Buffer.from(taken).toString('utf8') };
}

function fakeStream() {
  const parts: Buffer[] = [];
  let made = 0;
  const stream = {
    write(chunk: string | Uint8Array) { parts.push(Buffer.from(chunk)); return true; },
    on() { return stream; },
  };
  return { get: () => { made++; return stream as never; }, text: () => Buffer.concat(parts).toString('utf8'), made: () => made };
}

describe('fdWriter', () => {
  it('writes every byte of multi-byte text when the descriptor takes a few bytes at a time', () => {
    const fd = fakeFd(3);
    const s = fakeStream();
    const out = fdWriter(1, s.get, fd.write);
    out('Chloé → 6.RP.A.3 ✓\n');
    out('second line\n');
    expect(fd.text()).toBe('Chloé → 6.RP.A.3 ✓\nsecond line\n');
    expect(s.made()).toBe(0);
  });

  it('hands the rest to the stream on EAGAIN, and everything after it too, in order', () => {
    const fd = fakeFd(4, 10);
    const s = fakeStream();
    const out = fdWriter(1, s.get, fd.write);
    out('first line\n');
    out('second\n');
    out('third\n');
    expect(fd.text() + s.text()).toBe('first line\nsecond\nthird\n');
    expect(fd.text()).toBe('first line');
    expect(s.made()).toBe(1);
  });

  it('passes on errors other than EAGAIN and EPIPE', () => {
    const out = fdWriter(2, fakeStream().get, (() => { throw errno('EIO'); }) as never);
    expect(() => out('x')).toThrow('EIO');
  });
});
