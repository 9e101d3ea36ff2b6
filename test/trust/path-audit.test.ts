// The audit of every place a path is built from data (issue #8): with an id that would escape the
// folder, name a reserved file or clash by case, each command refuses with a message, writes nothing
// in the gradebook, and creates nothing beside it.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, DOWNLOADS, run, snapshot } from '../helpers.ts';

const HOSTILE = ['../../evil', '/tmp/evil', 'CON', 's014', 'S014/../../x', 'S014\0', 'S014.'];
const EXIT = join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv');

/** Each command with `ID` where the hostile id goes: students/<id>.yaml, playlists/<id>.*, plp/<id>.*, assessments/<id>.*. */
const COMMANDS: [string, string[]][] = [
  ['students/<id>.yaml (reflect)', ['reflect', 'ID', 'I checked my work']],
  ['students/<id>.yaml (goal add)', ['goal', 'add', 'ID', 'Finish the unit', '--author', 'teacher']],
  ['students/<id>.yaml (interest add)', ['interest', 'add', 'ID', 'chess']],
  ['students/<id>.yaml (accommodation add)', ['accommodation', 'add', 'ID', 'extended-time']],
  ['playlists/<id>.* (playlist --student)', ['playlist', '--unit', 'ratios', '--student', 'ID']],
  ['playlists/<id>.yaml (done)', ['done', 'ID', 'ratio-language-reading']],
  ['plp/<id>.* (plp)', ['plp', 'ID']],
  ['observations.csv (observe)', ['observe', 'ID', '6.RP.A.3', '3']],
  ['assessments/<id>.* (import --as)', ['import', EXIT, '--as', 'ID']],
];

describe('hostile ids never become paths', () => {
  for (const [where, args] of COMMANDS) {
    // observe writes only observations.csv and matches a student id case-blind to the roster's spelling.
    const ids = args[0] === 'observe' ? HOSTILE.filter((id) => id !== 's014') : HOSTILE;
    it.each(ids)(`${where}: %j is refused`, async (id) => {
      const dir = copyExample();
      const before = snapshot(dir);
      const around = readdirSync(dirname(dir));
      const r = await run(args.map((a) => (a === 'ID' ? id : a)), { cwd: dir });
      expect(r.code, r.stdout).not.toBe(0);
      expect(r.code).not.toBe(3);
      expect(r.stderr).toMatch(/error: /);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(snapshot(dir)).toEqual(before);
      expect(readdirSync(dirname(dir))).toEqual(around);
    });
  }
});
