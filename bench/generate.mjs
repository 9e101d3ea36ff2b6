// Generates a gradebook folder of a given size with a seeded PRNG, for benchmarks and scale tests.
// A teacher's year: 150 students, 5 sections, 40 standards, 180 assessments of 5 items.
// A district: 10,000 students, 200 standards, 22 assessments of 5 items: just over 1,000,000 item
// responses once absences (5%) and blank items (3%) are left out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as csv } from 'csv-stringify/sync';
import { stringify as yaml } from 'yaml';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Ava', 'Liam', 'Zoë', 'Mateo', 'Hana', 'Noah', 'Chloé', 'Kai', 'Priya', 'José', 'Amara', 'Ethan', 'Sofia', 'Lucas', 'Fatima', 'Oliver', 'Grace', 'Samuel', 'Mary-Kate', 'Minh'];
const FAMILY = ["O'Brien", 'Hernández', 'Nguyen', 'Smith-Jones', 'Sato', 'Patel', 'Al-Sayed', 'Liu', 'Okafor', 'Müller', 'García', 'Kowalski', 'Johnson', "D'Angelo", 'Cruz', 'Haddad'];
const UNITS = ['ratios', 'expressions', 'number-system', 'geometry', 'statistics'];

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** School days from a start date, skipping weekends. */
function schoolDays(start, count) {
  const out = [];
  let d = start;
  while (out.length < count) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
    d = addDays(d, 1);
  }
  return out;
}

/** The district of issue 9. */
export const DISTRICT = { students: 10000, sections: 40, standards: 200, assessments: 22, itemsPerAssessment: 5 };

export function generateTeacherYear(dir, opts = {}) {
  const { students = 150, sections = 5, standards = 40, assessments = 180, itemsPerAssessment = 5, seed = 1, profiles = 20, observations = 100 } = opts;
  const rnd = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  mkdirSync(join(dir, 'assessments'), { recursive: true });
  mkdirSync(join(dir, 'students'), { recursive: true });
  writeFileSync(join(dir, 'pathbook.yaml'), `class: "Generated class"\nsubject: "Mathematics"\ngrade: "6"\nmastery:\n  method: decaying-average\n  w: 0.65\n`);

  const width = String(students).length + 1;
  const ids = Array.from({ length: students }, (_, i) => `S${String(i + 1).padStart(Math.max(3, width), '0')}`);
  const ability = ids.map(() => 0.35 + rnd() * 0.6);
  const roster = ids.map((id, i) => {
    const g = pick(GIVEN);
    const f = pick(FAMILY);
    return [id, g, f, `P${(i % sections) + 1}`, `${id.toLowerCase()}@students.example.org`, 'active'];
  });
  writeFileSync(join(dir, 'roster.csv'), csv([['id', 'given_name', 'family_name', 'section', 'email', 'status'], ...roster], { record_delimiter: 'unix' }));

  const stds = Array.from({ length: standards }, (_, i) => {
    const unit = UNITS[Math.floor((i * UNITS.length) / standards)];
    const id = `6.G${Math.floor(i / 10) + 1}.A.${(i % 10) + 1}`;
    return { id, statement: `Generated standard ${i + 1}`, student_statement: `I can do skill ${i + 1}.`, unit, prerequisites: i % 10 > 0 && i % 3 === 0 ? [`6.G${Math.floor(i / 10) + 1}.A.${i % 10}`] : [] };
  });
  writeFileSync(join(dir, 'standards.yaml'), yaml(stds, { lineWidth: 0 }));

  const days = schoolDays('2026-08-24', Math.max(1, Math.ceil(assessments * 0.9)));
  let responses = 0;
  for (let a = 0; a < assessments; a++) {
    const date = days[Math.min(days.length - 1, Math.floor((a * days.length) / assessments))];
    const id = `${date}-check-${String(a + 1).padStart(4, '0')}`;
    const focus = Math.floor((a * standards) / assessments);
    const items = Array.from({ length: itemsPerAssessment }, (_, k) => {
      const s1 = stds[Math.min(standards - 1, focus + (k % 2))].id;
      const s2 = k === itemsPerAssessment - 1 && focus + 2 < standards ? [stds[focus + 2].id] : [];
      return { id: `q${k + 1}`, standards: [s1, ...s2], points: 1 + (k % 3) };
    });
    const kind = a % 10 === 9 ? 'quiz' : 'exit-ticket';
    writeFileSync(join(dir, 'assessments', `${id}.yaml`), yaml({ id, title: `Check ${a + 1}`, date, kind, retakeOf: null, items, source: { format: 'generated' } }, { lineWidth: 0 }));
    const rows = [];
    ids.forEach((sid, si) => {
      if (rnd() < 0.05) return; // absent
      const growth = (a / assessments) * 0.3;
      rows.push([sid, ...items.map((it) => {
        if (rnd() < 0.03) return '';
        responses++;
        const p = Math.min(1, ability[si] + growth) ;
        let earned = 0;
        for (let u = 0; u < it.points; u++) if (rnd() < p) earned++;
        return String(earned);
      })]);
    });
    writeFileSync(join(dir, 'assessments', `${id}.csv`), csv([['student_id', ...items.map((i) => i.id)], ...rows], { record_delimiter: 'unix' }));
  }

  const obs = [['student_id', 'standard', 'date', 'score', 'source', 'note']];
  for (let o = 0; o < observations; o++) obs.push([pick(ids), pick(stds).id, pick(days), String(Math.round(rnd() * 8) / 2), 'conference', 'Generated note']);
  writeFileSync(join(dir, 'observations.csv'), csv(obs, { record_delimiter: 'unix' }));

  const acts = [];
  const kinds = ['video', 'reading', 'practice', 'game', 'project'];
  const supports = [['captions'], ['text-to-speech', 'extended-time'], [], ['read-aloud']];
  stds.forEach((s, i) => {
    for (const tier of ['reteach', 'practice', 'extend']) {
      acts.push({ id: `a${i + 1}-${tier}`, title: `${tier} for ${s.id}`, standards: [s.id], kind: kinds[(i + acts.length) % kinds.length], tier, modality: pick(['visual', 'auditory', 'reading', 'kinesthetic']), minutes: 15, link: `https://example.org/${i}/${tier}`, supports: supports[acts.length % supports.length] });
    }
    acts.push({ id: `a${i + 1}-check`, title: `Checkpoint ${s.id}`, standards: [s.id], kind: 'quiz', tier: 'practice', modality: 'reading', minutes: 10, link: `https://example.org/${i}/check`, supports: ['extended-time', 'text-to-speech', 'read-aloud', 'captions'] });
  });
  writeFileSync(join(dir, 'activities.yaml'), yaml(acts, { lineWidth: 0, aliasDuplicateObjects: false }));

  for (let p = 0; p < Math.min(profiles, students); p++) {
    writeFileSync(join(dir, 'students', `${ids[p]}.yaml`), yaml({
      interests: [pick(['soccer', 'drawing', 'music', 'cooking', 'Minecraft'])], strengths: ['persistence'], preferences: [pick(['visual', 'reading'])],
      accommodations: p % 4 === 0 ? ['extended-time', 'text-to-speech'] : [],
      goals: [{ id: 'g1', text: 'Master my next standard', author: 'student', set: '2026-09-01', target: '2026-12-18', status: 'active', standards: [stds[p % standards].id] }],
      reflections: [{ date: '2026-10-01', text: 'I am getting better at this.' }],
    }, { lineWidth: 0 }));
  }
  return { students: ids.length, standards: stds.length, assessments, responses };
}

/** A 30-student exit ticket export (generic wide CSV) for the first section, for import benchmarks. */
export function generateExitTicket(file, dir, { seed = 7, students = 30 } = {}) {
  const rnd = mulberry32(seed);
  const ids = Array.from({ length: students }, (_, i) => `S${String(i + 1).padStart(4, '0')}`);
  const rows = ids.map((id) => [id, ...[1, 2, 3, 4, 5].map(() => String(rnd() < 0.7 ? 1 : 0))]);
  writeFileSync(file, csv([['student_id', 'q1', 'q2', 'q3', 'q4', 'q5'], ...rows], { record_delimiter: 'unix' }));
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/generate.mjs <dir> [scale: 1|4|16|district]');
    process.exit(2);
  }
  const scale = process.argv[3] ?? '1';
  const opts = scale === 'district'
    ? DISTRICT
    : { students: 150 * Number(scale), sections: 5 * Number(scale), assessments: 180 };
  console.log(generateTeacherYear(dir, opts));
}
