// Reads the files out of a .zip (a OneRoster export is a zip of CSVs). Node's zlib already inflates
// and checks CRCs, so a small reader of the central directory is all it takes: no dependency.

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Refuse entries that would inflate beyond this: a roster is kilobytes, a zip bomb is not. */
const MAX_ENTRY = 256 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes at the very end.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError('this is not a zip file (its table of contents is missing)');
}

/** All entries together may not unpack to more than this (a bomb can repeat one entry many times). */
const MAX_TOTAL = 512 * 1024 * 1024;

interface EntryInfo { name: string; method: number; crc: number; compressed: number; size: number; start: number; localAt: number }

/** Every file in the zip (folders skipped), in the order of its table of contents. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) throw new ZipError('this is not a zip file (it is too short)');
  const end = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ZipError('this zip uses the ZIP64 format, which pathbook does not read');
  // First the table of contents, checked as a whole before anything is inflated.
  const infos: EntryInfo[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('the zip\'s table of contents is damaged');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localAt = buf.readUInt32LE(p + 42);
    // Bit 11: the name is UTF-8; otherwise it is CP437, which is ASCII for the names we look for.
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`${name} in the zip is encrypted`);
    if (size > MAX_ENTRY) throw new ZipError(`${name} in the zip is too large (${size} bytes)`);
    total += size;
    if (total > MAX_TOTAL) throw new ZipError(`the zip would unpack to more than ${MAX_TOTAL / 1048576} MB`);
    if (localAt + 30 > buf.length || buf.readUInt32LE(localAt) !== LOCAL) throw new ZipError(`the zip entry ${name} is damaged`);
    // Sizes come from the table of contents: the local header may defer them to a data descriptor.
    const start = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    if (start + compressed > buf.length) throw new ZipError(`the zip entry ${name} is cut short`);
    if (method !== 0 && method !== 8) throw new ZipError(`${name} in the zip is compressed with method ${method}; pathbook reads only the usual "deflate"`);
    infos.push({ name, method, crc, compressed, size, start, localAt });
  }
  // Entries that share their data are how "overlapping" zip bombs multiply one stream many times.
  const byPlace = [...infos].sort((a, b) => a.localAt - b.localAt);
  for (let i = 1; i < byPlace.length; i++) {
    const prev = byPlace[i - 1]!;
    if (byPlace[i]!.localAt < prev.start + prev.compressed) throw new ZipError('the zip\'s entries overlap, which real exports never do');
  }
  return infos.map((e) => {
    const raw = buf.subarray(e.start, e.start + e.compressed);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else {
      try {
        // Never more than the table of contents declared (then the size check below refuses it).
        data = process.getBuiltinModule('node:zlib').inflateRawSync(raw, { maxOutputLength: Math.min(MAX_ENTRY, e.size + 1) });
      } catch {
        throw new ZipError(`the zip entry ${e.name} cannot be decompressed`);
      }
    }
    if (data.length !== e.size || process.getBuiltinModule('node:zlib').crc32(data) !== e.crc) throw new ZipError(`the zip entry ${e.name} is damaged (its checksum does not match)`);
    return { name: e.name, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });
}

/** Zip files start with "PK\x03\x04" (or "PK\x05\x06" when empty). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}
