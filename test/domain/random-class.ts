// A class nobody has seen: standards with prerequisites, an activity bank, evidence and profiles drawn
// from a seeded PRNG, written as the real files and parsed by the real parsers.
import { mulberry32 } from '../../src/domain/grouping/random.ts';
import type { BookTexts } from './playlist-fixture.ts';


export const ACCOMMODATIONS = ['captions', 'text-to-speech', 'extended-time', 'read-aloud', 'reduced-items'];
const KINDS = ['video', 'reading', 'practice', 'game', 'project', 'manipulative', 'quiz'];
const TIERS = ['reteach', 'practice', 'extend'];
const MODALITIES = ['visual', 'auditory', 'kinesthetic', 'reading'];
const INTERESTS = ['soccer', 'music', 'cooking', 'dogs', 'space', 'art'];

export function randomClass(seed: number, opts: { students?: number; standards?: number; activities?: number } = {}): BookTexts {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => rnd() < p);

  const nStd = opts.standards ?? int(2, 6);
  const ids = Array.from({ length: nStd + 2 }, (_, i) => `S${i + 1}.${i < nStd ? 'u' : 'v'}`);
  // The last two standards form another unit, so prerequisites can cross units.
  const standards = ids.map((id, i) => {
    const pre = some(ids.slice(0, i), 0.35);
    return `- { id: ${id}, statement: "statement ${i}", student_statement: "I can do ${i}", unit: ${i < nStd ? 'u' : 'v'}, prerequisites: [${pre.join(', ')}] }\n`;
  }).join('');

  const nAct = opts.activities ?? int(4, 28);
  let activities = '';
  for (let i = 0; i < nAct; i++) {
    const stds = [...new Set([pick(ids), ...(rnd() < 0.25 ? [pick(ids)] : [])])];
    const kind = pick(KINDS);
    const interest = rnd() < 0.3 ? ` about ${pick(INTERESTS)}` : '';
    activities += `- id: act-${i}
  title: "Activity ${i}${interest}"
  standards: [${stds.join(', ')}]
  kind: ${kind}
  tier: ${pick(TIERS)}
  modality: ${pick(MODALITIES)}
  minutes: ${int(5, 40)}
  link: https://example.org/act-${i}
  supports: [${some(ACCOMMODATIONS, 0.4).join(', ')}]
`;
  }

  const nStu = opts.students ?? int(5, 20);
  let roster = 'id,given_name,family_name,section,email,status\n';
  let observations = '';
  const profiles: Record<string, string> = {};
  for (let s = 1; s <= nStu; s++) {
    const id = `R${String(s).padStart(3, '0')}`;
    roster += `${id},Given${s},Family${s},${pick(['A', 'B'])},,${rnd() < 0.1 ? 'withdrawn' : 'active'}\n`;
    for (const std of ids) {
      const n = int(0, 3);
      for (let k = 0; k < n; k++) observations += `${id},${std},2026-11-${String(10 + k).padStart(2, '0')},${(int(0, 40) / 10).toFixed(1)},rubric,\n`;
    }
    if (rnd() < 0.6) {
      profiles[id] = `interests: [${some(INTERESTS, 0.3).join(', ')}]\npreferences: [${some(MODALITIES, 0.4).join(', ')}]\naccommodations: [${some(ACCOMMODATIONS, 0.3).join(', ')}]\n`;
    }
  }
  return { roster, standards, activities, observations, profiles };
}
