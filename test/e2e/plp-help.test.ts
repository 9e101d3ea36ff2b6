// Each command added for PLPs keeps two or three real examples at the end of its --help.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.ts';

const COMMANDS = [
  ['profile'], ['goal'], ['goal', 'add'], ['goal', 'done'], ['goal', 'drop'], ['reflect'],
  ['interest'], ['interest', 'add'], ['interest', 'remove'], ['accommodation'], ['accommodation', 'add'], ['accommodation', 'remove'],
  ['plp'], ['report-card'],
];

describe('--help', () => {
  for (const cmd of COMMANDS) {
    it(`pathbook ${cmd.join(' ')} ends with examples`, async () => {
      const r = await run([...cmd, '--help']);
      expect(r.code).toBe(0);
      const tail = r.stdout.slice(r.stdout.lastIndexOf('\nExamples:\n'));
      const examples = tail.split('\n').filter((l) => l.startsWith('  $ pathbook '));
      expect(examples.length, r.stdout).toBeGreaterThanOrEqual(2);
      expect(examples.length).toBeLessThanOrEqual(3);
      expect(r.stdout.trimEnd().endsWith(examples[examples.length - 1]!)).toBe(true);
      for (const e of examples) expect(e).toContain(`$ pathbook ${cmd[0]}`);
    });
  }
});
