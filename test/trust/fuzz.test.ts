// Property-based fuzzing of every loader (issue #8): whatever the bytes, a loader returns
// diagnostics, never throws, and finishes quickly. PATHBOOK_FUZZ_RUNS raises the runs per property.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Item } from '../../src/domain/types.ts';
import { parseActivities } from '../../src/store/activities-store.ts';
import { parseAssessmentYaml, parseScores } from '../../src/store/assessment-store.ts';
import { parseCsvBytes } from '../../src/store/csv.ts';
import { parseObservations } from '../../src/store/observations-store.ts';
import { parseProfile } from '../../src/store/profile-store.ts';
import { parseRoster } from '../../src/store/roster-store.ts';
import { parseSettings } from '../../src/store/settings-store.ts';
import { parseStandards } from '../../src/store/standards-store.ts';
import { groupsYamlText, parseGroupsFile } from '../../src/store/groups-store.ts';
import { parsePlaylist, playlistText } from '../../src/store/playlist-store.ts';
import { csvShaped, example, mutated, nastyText, randomBytes, utf8, worstCsv, worstYaml, yamlShaped } from './fuzz-cases.ts';

const RUNS = Number(process.env.PATHBOOK_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.PATHBOOK_FUZZ_SEED ?? 8);
/** CPU time per input (not wall time, which other processes on a busy machine stretch): far below "hangs". */
const SLOW_MS = 4000;

const items: Item[] = ['q1', 'q2', 'q3'].map((id) => ({ id, standards: ['6.RP.A.1'], points: 2, source: { file: 'assessments/x.yaml', line: 1 } }));
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

interface Loader {
  name: string;
  kind: 'csv' | 'yaml';
  sample: string;
  columns?: readonly string[];
  keys?: readonly string[];
  list?: boolean;
  parse(bytes: Uint8Array): { diagnostics: Diagnostic[] };
}

const GROUPS_SAMPLE = groupsYamlText({ week: '2026-W49', mode: 'readiness', standards: ['6.RP.A.3'], seed: 3008, size: 'groups of 3–5', absent: ['S004'], groups: [
  { name: 'A', section: 'P2', focus: '6.RP.A.3 Beginning', tier: 'reteach', mean: 1.32, members: [{ id: 'S007', reason: '6.RP.A.3 Beginning (1.54)' }, { id: 'S013', reason: '6.RP.A.3 Beginning (1.26)' }] },
  { name: 'B', section: 'P4', focus: '6.RP.A.3 Mastered', tier: 'extend', mean: 3.4, members: [{ id: 'S014', reason: '6.RP.A.3 Exceeds (3.90)' }] },
] });
const PLAYLIST_SAMPLE = playlistText({ student: 'S005', unit: 'ratios', standards: ['6.RP.A.1', '6.RP.A.2'], complete: { n: 2, of: 2 }, notes: ['no extend activity for 6.RP.A.2'], tracks: [
  { activity: 'ratio-language-reading', title: 'Reading: ratio language', standards: ['6.RP.A.1'], type: 'must', tier: 'practice', kind: 'reading', minutes: 10, link: 'https://example.org/x', done: '2026-11-23', note: 'ask for extended time', why: '6.RP.A.1 is Approaching' },
  { activity: 'ratio-language-check', title: 'Checkpoint: ratio language', standards: ['6.RP.A.1'], type: 'checkpoint', tier: 'practice', kind: 'quiz', minutes: 10, link: '', done: null },
] });

const LOADERS: Loader[] = [
  { name: 'parseCsvBytes', kind: 'csv', sample: example('roster.csv'), columns: ['a', 'b'], parse: (b) => parseCsvBytes(b, 'x.csv') },
  { name: 'parseRoster', kind: 'csv', sample: example('roster.csv'), columns: ['id', 'given_name', 'family_name', 'section', 'email', 'status'], parse: (b) => parseRoster(b) },
  { name: 'parseScores', kind: 'csv', sample: example('assessments/2026-10-20-ratios-quiz.csv'), columns: ['student_id', 'q1', 'q2', 'q3'], parse: (b) => parseScores(b, 'assessments/x.csv', items) },
  { name: 'parseObservations', kind: 'csv', sample: example('observations.csv'), columns: ['student_id', 'standard', 'date', 'score', 'source', 'note'], parse: (b) => parseObservations(b) },
  { name: 'parseStandards', kind: 'yaml', sample: example('standards.yaml'), keys: ['id', 'statement', 'student_statement', 'unit', 'prerequisites', 'children', 'rollup', 'method', 'w', 'n'], list: true, parse: (b) => parseStandards(dec(b)) },
  { name: 'parseAssessmentYaml', kind: 'yaml', sample: example('assessments/2026-10-20-ratios-quiz.yaml'), keys: ['id', 'title', 'date', 'kind', 'retakeOf', 'items', 'source', 'standards', 'points', 'key', 'keyAll', 'column'], list: false, parse: (b) => parseAssessmentYaml(dec(b), 'assessments/x.yaml') },
  { name: 'parseActivities', kind: 'yaml', sample: example('activities.yaml'), keys: ['id', 'title', 'standards', 'kind', 'tier', 'modality', 'minutes', 'link', 'supports'], list: true, parse: (b) => parseActivities(dec(b)) },
  { name: 'parseProfile', kind: 'yaml', sample: example('students/S002.yaml'), keys: ['interests', 'strengths', 'preferences', 'accommodations', 'goals', 'reflections', 'notes', 'id', 'text', 'author', 'set', 'target', 'status', 'standards', 'date'], list: false, parse: (b) => parseProfile(dec(b), 'S002', 'students/S002.yaml') },
  { name: 'parseGroupsFile', kind: 'yaml', sample: GROUPS_SAMPLE, keys: ['week', 'mode', 'standards', 'seed', 'size', 'absent', 'groups', 'name', 'section', 'focus', 'tier', 'mean', 'members', 'id', 'reason'], list: false, parse: (b) => parseGroupsFile(dec(b), 'groups/2026-W49.yaml', '2026-W49') },
  { name: 'parsePlaylist', kind: 'yaml', sample: PLAYLIST_SAMPLE, keys: ['student', 'unit', 'standards', 'complete', 'n', 'of', 'tracks', 'activity', 'title', 'type', 'tier', 'kind', 'minutes', 'link', 'done', 'note', 'why', 'notes'], list: false, parse: (b) => parsePlaylist(dec(b), 'playlists/S005.yaml') },
  { name: 'parseSettings', kind: 'yaml', sample: example('pathbook.yaml'), keys: ['class', 'subject', 'grade', 'scale', 'mastery', 'decisions', 'grouping', 'reportCard', 'language', 'git', 'levels', 'max', 'method', 'w', 'n', 'keepApart', 'autoCommit'], list: false, parse: (b) => parseSettings(dec(b)) },
];

export const figures = { cases: 0, rejected: 0, properties: 0, slowestMs: 0 };

/** The property every loader keeps: no exception, well-formed diagnostics, bounded time. */
function loads(loader: Loader, bytes: Uint8Array): void {
  const t = process.cpuUsage();
  const r = loader.parse(bytes);
  const used = process.cpuUsage(t);
  const ms = (used.user + used.system) / 1000;
  figures.cases++;
  figures.slowestMs = Math.max(figures.slowestMs, ms);
  if (r.diagnostics.some((d) => d.severity === 'error')) figures.rejected++;
  expect(ms).toBeLessThan(SLOW_MS);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  // Plain checks, one expect: a file of 50,000 bad rows has 50,000 diagnostics.
  const bad = r.diagnostics.find((d) => typeof d.message !== 'string' || d.message.length === 0
    || /\[object Object\]|undefined(?! is)/.test(d.message)
    || (d.severity !== 'error' && d.severity !== 'warning')
    || (d.source && (typeof d.source.file !== 'string' || !Number.isInteger(d.source.line) || d.source.line < 1)));
  expect(bad).toBeUndefined();
}

const check = (loader: Loader, arb: fc.Arbitrary<Uint8Array>) => {
  figures.properties++;
  fc.assert(fc.property(arb, (b) => { loads(loader, b); }), { numRuns: RUNS, seed: SEED });
};

describe.each(LOADERS)('$name on hostile input', (loader) => {
  it('random bytes', () => check(loader, randomBytes));
  it('text made of separators, quotes, YAML indicators and odd Unicode', () => check(loader, nastyText.map(utf8)));
  it('its own kind of file, cut, spliced and truncated', () => check(loader, mutated(loader.sample).map(utf8)));
  it('the right shape with wrong contents', () => check(loader, (loader.kind === 'csv' ? csvShaped(loader.columns!) : yamlShaped(loader.keys!, loader.list!)).map(utf8)));

  const worst = loader.kind === 'csv' ? worstCsv(loader.columns!.join(',')) : Object.fromEntries(Object.entries(worstYaml()).map(([k, v]) => [k, utf8(v)]));
  it.each(Object.keys(worst))('worst case: %s', (name) => {
    const before = process.memoryUsage().heapUsed;
    loads(loader, worst[name]!);
    // An alias bomb expanded would take gigabytes; the loader must refuse it long before.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 * 1024);
  });
});

describe('worst cases are refused with a message, not accepted', () => {
  it.each(Object.entries(worstYaml()).filter(([k]) => !/tab|duplicate/.test(k)))('%s', (_, text) => {
    const r = parseStandards(text);
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
  it('a huge field and an unclosed quote are CSV errors with a line', () => {
    for (const name of ['huge field', 'unclosed quote'] as const) {
      const r = parseRoster(worstCsv('id,given_name,family_name')[name]!);
      const e = r.diagnostics.find((d) => d.severity === 'error');
      expect(e?.source?.line).toBeGreaterThanOrEqual(1);
    }
  });
});

afterAll(() => {
  if (process.env.PATHBOOK_FUZZ_REPORT) console.log(JSON.stringify(figures));
  if (process.env.PATHBOOK_TRUST_REPORT) appendFileSync(process.env.PATHBOOK_TRUST_REPORT, JSON.stringify({ fuzz: figures }) + '\n');
});
