// The zip reader that opens OneRoster exports: stored and deflated entries, data descriptors,
// folders inside the zip, and damaged or unusual zips refused with a reason.
import { describe, expect, it } from 'vitest';
import { looksLikeZip, readZip } from '../../src/importers/zip.ts';
import { makeZip } from '../zip-writer.ts';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const users = 'sourcedId,givenName,familyName\n1,Zoë,Clarke\n'.repeat(50);

describe('readZip', () => {
  it('reads deflated and stored entries, skipping folders, in table-of-contents order', () => {
    const zip = makeZip([
      { name: 'export/', data: '', method: 0 },
      { name: 'export/users.csv', data: users },
      { name: 'export/manifest.csv', data: 'propertyName,value\n', method: 0 },
    ]);
    expect(looksLikeZip(zip)).toBe(true);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['export/users.csv', 'export/manifest.csv']);
    expect(text(entries[0]!.data)).toBe(users);
    expect(text(entries[1]!.data)).toBe('propertyName,value\n');
  });

  it('takes sizes from the table of contents when the local header defers them to a data descriptor', () => {
    const entries = readZip(makeZip([{ name: 'users.csv', data: users, descriptor: true }, { name: 'classes.csv', data: 'x\n' }]));
    expect(entries.map((e) => text(e.data))).toEqual([users, 'x\n']);
  });

  it('finds the table of contents behind a zip comment', () => {
    expect(readZip(makeZip([{ name: 'a.csv', data: 'a\n' }], { comment: 'exported by the SIS' }))[0]!.name).toBe('a.csv');
  });

  it('reads an empty zip as no entries', () => {
    expect(readZip(makeZip([]))).toEqual([]);
  });

  it('refuses what is not a zip', () => {
    expect(looksLikeZip(Buffer.from('id,name\n'))).toBe(false);
    expect(() => readZip(Buffer.from('id,name\nS001,Ann\n'.repeat(3)))).toThrow(/not a zip file/);
    expect(() => readZip(Buffer.from('PK'))).toThrow(/too short/);
  });

  it('refuses a damaged entry (checksum) and a cut-short file', () => {
    const zip = makeZip([{ name: 'users.csv', data: users, method: 0 }]);
    const bad = Buffer.from(zip);
    bad[40] = bad[40]! ^ 0xff; // a byte of users.csv's data
    expect(() => readZip(bad)).toThrow(/users\.csv is damaged/);
    const cut = Buffer.concat([zip.subarray(0, 60), zip.subarray(zip.length - 22 - 46 - 9)]);
    expect(() => readZip(cut)).toThrow(/damaged|cut short/);
  });

  it('refuses encrypted entries with a reason', () => {
    expect(() => readZip(makeZip([{ name: 'users.csv', data: users, encrypted: true }]))).toThrow('users.csv in the zip is encrypted');
  });
});
