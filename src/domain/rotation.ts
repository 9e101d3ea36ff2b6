// Station rotation (algorithms.md §2.4): a cyclic Latin square per section. Groups are ordered by
// need (reteach before practice before extend, then by lower mean), and group g sits at station
// (r − g) mod N in round r, with the teacher station first: the neediest group meets the teacher in
// round 1, the next in round 2, and everyone moves one station on each round.
//
// More groups than stations: the teacher station still takes one group a round, so there is one round
// per group, and the extra groups double up at the other stations, the last listed first (with the
// default stations, two groups do independent work in the same round, at separate tables). Each
// group then meets the teacher once and does the doubled station's work for two rounds in a row.
import { compareIds } from './numbers.ts';
import { TIERS, type Tier } from './grouping/tiers.ts';

export const DEFAULT_STATIONS = ['teacher', 'tech', 'collab', 'independent'] as const;

export interface RotationGroup {
  name: string;
  section: string;
  tier: Tier;
  mean: number | null;
}

export interface RotationRequest {
  stations: string[];
  minutes: number;
  /** "09:10", or undefined to show minutes from the start of the block. */
  start?: string;
}

export interface RotationRound {
  round: number;
  /** Minutes from the start of the block. */
  from: number;
  to: number;
  /** Clock times when a start was given. */
  start: string | null;
  end: string | null;
  /** Groups at each station, in the order of the stations requested. */
  stations: { station: string; groups: string[] }[];
}

export interface SectionRotation {
  section: string;
  /** The order the groups meet the teacher. */
  order: string[];
  rounds: RotationRound[];
}

export interface Rotation {
  stations: string[];
  teacher: string;
  minutes: number;
  start: string | null;
  sections: SectionRotation[];
}

/** The teacher-led station: the one called "teacher", else the first listed. */
export function teacherStation(stations: readonly string[]): string {
  return stations.find((s) => s.toLowerCase() === 'teacher') ?? stations[0]!;
}

/** Clock arithmetic on "HH:MM", wrapping at midnight. */
export function addMinutes(clock: string, minutes: number): string {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  const t = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/** Groups in the order they meet the teacher: most in need of reteaching first. */
export function needOrder<T extends RotationGroup>(groups: readonly T[]): T[] {
  return [...groups].sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)
    || (a.mean ?? Number.POSITIVE_INFINITY) - (b.mean ?? Number.POSITIVE_INFINITY)
    || compareIds(a.name, b.name));
}

export function buildRotation(groups: readonly RotationGroup[], req: RotationRequest): Rotation {
  const teacher = teacherStation(req.stations);
  const others = req.stations.filter((s) => s !== teacher);
  const sections = [...new Set(groups.map((g) => g.section))].sort(compareIds);
  return {
    stations: [...req.stations], teacher, minutes: req.minutes, start: req.start ?? null,
    sections: sections.map((section) => {
      const order = needOrder(groups.filter((g) => g.section === section)).map((g) => g.name);
      // The cycle of seats: the teacher first, then the other stations, then doubled-up seats.
      const seats = [teacher, ...others];
      for (let x = 0; seats.length < order.length && others.length; x++) seats.push(others[others.length - 1 - (x % others.length)]!);
      const n = seats.length;
      const rounds: RotationRound[] = [];
      for (let r = 0; r < n; r++) {
        const at = new Map<string, string[]>(req.stations.map((s) => [s, []]));
        order.forEach((name, g) => at.get(seats[(((r - g) % n) + n) % n]!)!.push(name));
        const from = r * req.minutes;
        const to = from + req.minutes;
        rounds.push({
          round: r + 1, from, to,
          start: req.start ? addMinutes(req.start, from) : null,
          end: req.start ? addMinutes(req.start, to) : null,
          stations: req.stations.map((station) => ({ station, groups: at.get(station)! })),
        });
      }
      return { section, order, rounds };
    }),
  };
}
