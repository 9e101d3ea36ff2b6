// Property-based fuzzing of the importers (issue #8): whatever a download holds, an importer returns
// rows and diagnostics or refuses with a UserError (zip: ZipError), never another exception, and
// quickly. Zip bombs (one stream repeated by overlapping entries, or entries too big) are refused
// before anything large is inflated.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readActivitiesCsv } from '../../src/importers/activities-csv.ts';
import { parseCanvasRoster } from '../../src/importers/canvas-roster.ts';
import { parseCasePackage } from '../../src/importers/case-json.ts';
import { parseOneRoster } from '../../src/importers/oneroster.ts';
import { parseRosterCsv } from '../../src/importers/roster-csv.ts';
import { parseStandardsCsv } from '../../src/importers/standards-csv.ts';
import { readZip, ZipError } from '../../src/importers/zip.ts';
import type { Diagnostic } from '../../src/domain/types.ts';
import { parseCsvBytes } from '../../src/store/csv.ts';
import { UserError } from '../../src/store/errors.ts';
import { DOWNLOADS, REPO } from '../helpers.ts';

// Seeds are the project's own fixtures: the shared samples are not beside every checkout (CI's).
const FIXTURES = join(REPO, 'test', 'fixtures');
const ONEROSTER = join(REPO, 'test', 'errors', 'several-classes', 'oneroster');
import { makeZip } from '../zip-writer.ts';
import { csvShaped, mutated, nastyText, randomBytes, utf8, zipBomb } from './fuzz-cases.ts';

const RUNS = Number(process.env.PATHBOOK_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.PATHBOOK_FUZZ_SEED ?? 8);
const text = (p: string) => readFileSync(p, 'utf8');

const figures = { cases: 0, rejected: 0 };

/** No exception but the tool's own refusals; diagnostics well formed; bounded CPU time. */
function imports(run: () => { diagnostics: Diagnostic[] } | unknown, allowed: (e: unknown) => boolean = (e) => e instanceof UserError): void {
  const t = process.cpuUsage();
  figures.cases++;
  try {
    const r = run() as { diagnostics?: Diagnostic[] };
    if (r?.diagnostics?.some((d) => d.severity === 'error')) figures.rejected++;
    for (const d of r?.diagnostics ?? []) {
      if (typeof d.message !== 'string' || !d.message || (d.source && !(d.source.line >= 1))) throw new Error(`bad diagnostic ${JSON.stringify(d)}`);
    }
  } catch (e) {
    if (!allowed(e)) throw e;
    figures.rejected++;
  }
  const used = process.cpuUsage(t);
  expect((used.user + used.system) / 1000).toBeLessThan(4000);
}

const table = (b: Uint8Array) => parseCsvBytes(b, 'download.csv').table;
const csvInputs = (sample: string, columns: string[]) => fc.oneof(randomBytes, nastyText.map(utf8), mutated(sample).map(utf8), csvShaped(columns).map(utf8));
const check = <T>(arb: fc.Arbitrary<T>, prop: (v: T) => void) => fc.assert(fc.property(arb, prop), { numRuns: RUNS, seed: SEED });

describe('class-list importers', () => {
  const roster = text(join(DOWNLOADS, 'roster-export.csv'));
  it('a school CSV (parseRosterCsv)', () => check(csvInputs(roster, ['Student ID', 'First Name', 'Last Name', 'Name', 'Period', 'Section', 'Email']), (b) => imports(() => {
    const t = table(b);
    return t ? parseRosterCsv(t) : { diagnostics: [] };
  })));
  const canvas = text(join(FIXTURES, 'imports', 'canvas-gradebook.csv'));
  it('a Canvas gradebook (parseCanvasRoster)', () => check(csvInputs(canvas, ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section']), (b) => imports(() => {
    const t = table(b);
    return t ? parseCanvasRoster(t) : { diagnostics: [] };
  })));
  // The project's own OneRoster export (two classes), and the two files it leaves out.
  const extra: Record<string, string> = {
    'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nsch-1,,,Lincoln Middle,school,LMS,\n',
    'academicSessions.csv': 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\nterm-1,,,2026-27,schoolYear,2026-08-24,2027-06-11,,2027\n',
  };
  const one = ['users.csv', 'enrollments.csv', 'classes.csv', 'manifest.csv', 'orgs.csv', 'academicSessions.csv'].map((f) => [f.toLowerCase(), extra[f] ?? text(join(ONEROSTER, f))] as const);
  it('a OneRoster export, each file mutated or missing', () => check(
    fc.tuple(...one.map(([, t]) => fc.option(fc.oneof(mutated(t), fc.constant(t)), { nil: undefined }))),
    (texts) => imports(() => parseOneRoster({ files: new Map(one.flatMap(([f], i) => (texts[i] === undefined ? [] : [[f, utf8(texts[i]!)] as const]))), label: (n) => `export.zip/${n}` })),
  ));
});

describe('standards and activities importers', () => {
  it('a CSV of standards (parseStandardsCsv)', () => check(csvInputs('code,statement,unit,prerequisites\n6.RP.A.1,Ratios,ratios,\n', ['code', 'id', 'statement', 'description', 'unit', 'prerequisites', 'student_statement']), (b) => imports(() => {
    const t = table(b);
    return t ? parseStandardsCsv(t) : { diagnostics: [] };
  })));
  it('a CASE package (JSON of any shape, cut JSON, deep nesting)', () => {
    const caseShaped = fc.record({
      CFDocument: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ identifier: fc.string() })),
      CFItems: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.record({ identifier: fc.constantFrom('a', 'b', 'c', ''), humanCodingScheme: fc.oneof(fc.string(), fc.constant('6.RP.A.1')), fullStatement: fc.string(), CFItemType: fc.constantFrom('Standard', 'Cluster', 'Domain') }, { requiredKeys: [] }), { maxLength: 6 })),
      CFAssociations: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.array(fc.record({ associationType: fc.constantFrom('isChildOf', 'precedes', 'exactMatchOf'), originNodeURI: fc.record({ identifier: fc.constantFrom('a', 'b', 'c') }), destinationNodeURI: fc.record({ identifier: fc.constantFrom('a', 'b', 'c') }), sequenceNumber: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }), { maxLength: 8 })),
    }, { requiredKeys: [] }).map((o) => JSON.stringify(o));
    check(fc.oneof(caseShaped, caseShaped.chain((t) => mutated(t)), nastyText, fc.jsonValue().map((v) => JSON.stringify(v))), (t) => imports(() => parseCasePackage(t, 'framework.json')));
    imports(() => parseCasePackage('['.repeat(100_000) + ']'.repeat(100_000), 'deep.json'));
    imports(() => parseCasePackage(`{"CFItems":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 'deep.json'));
  });
  it('a CSV of activities (readActivitiesCsv)', () => check(csvInputs('id,title,standards,kind,tier\nx,Video,6.RP.A.1,video,reteach\n', ['id', 'title', 'standards', 'kind', 'tier', 'modality', 'minutes', 'link', 'supports']), (b) => imports(() => readActivitiesCsv(b, 'activities.csv', new Set(['6.RP.A.1'])))));
});

describe('zip files', () => {
  const good = makeZip([{ name: 'users.csv', data: text(join(ONEROSTER, 'users.csv')) }, { name: 'manifest.csv', data: 'propertyName,value\n' }]);
  const isZipError = (e: unknown) => e instanceof ZipError;
  it('random bytes and damaged zips throw only ZipError', () => {
    check(fc.oneof(randomBytes, fc.tuple(fc.nat(good.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, bytes]) => {
      const b = Buffer.from(good);
      b.set(bytes.subarray(0, b.length - at), at);
      return new Uint8Array(b);
    }), fc.nat(good.length).map((n) => new Uint8Array(good.subarray(0, n)))), (b) => imports(() => readZip(b), isZipError));
  });

  it('an overlapping-entries bomb (one 16 MB stream named 1,000 times) is refused before inflating', () => {
    const bomb = zipBomb(1000, 16 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage().rss;
    const t = performance.now();
    expect(() => readZip(bomb)).toThrow(ZipError);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('overlapping entries under the size limit are refused too', () => {
    expect(() => readZip(zipBomb(4, 1024 * 1024))).toThrow("the zip's entries overlap");
  });

  it('an entry that inflates beyond what its header declares is cut off, not unpacked', () => {
    const real = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const zip = makeZip([{ name: 'users.csv', data: 'x\n' }]);
    // Swap in the big stream while the table of contents still says 2 bytes.
    const local = zip.subarray(0, 30 + 'users.csv'.length);
    const cdAt = zip.readUInt32LE(zip.length - 22 + 16);
    const central = Buffer.from(zip.subarray(cdAt, zip.length - 22));
    central.writeUInt32LE(real.length, 20);
    const l = Buffer.from(local);
    l.writeUInt32LE(real.length, 18);
    const eocd = Buffer.from(zip.subarray(zip.length - 22));
    eocd.writeUInt32LE(l.length + real.length, 16);
    const before = process.memoryUsage().rss;
    expect(() => readZip(Buffer.concat([l, real, central, eocd]))).toThrow(/cannot be decompressed|damaged/);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });
});

afterAll(() => {
  if (process.env.PATHBOOK_TRUST_REPORT) appendFileSync(process.env.PATHBOOK_TRUST_REPORT, JSON.stringify({ fuzzImporters: figures }) + '\n');
});
