// A one-line progress bar on stderr, drawn only in a terminal: logs and pipes get nothing, and
// stdout stays clean for --json (aesthetics-ecosystem.md B2: a final summary says more in CI).

export interface Progress {
  update(done: number, what?: string): void;
  end(): void;
}

const SILENT: Progress = { update() {}, end() {} };

export function progressBar(write: (s: string) => void, enabled: boolean, total: number, label: string): Progress {
  if (!enabled || total < 2) return SILENT;
  const width = 24;
  let last = '';
  return {
    update(done, what = '') {
      const n = Math.round((Math.min(done, total) / total) * width);
      const line = `\r${label} [${'#'.repeat(n)}${'-'.repeat(width - n)}] ${done}/${total} ${what}`.padEnd(last.length);
      if (line !== last) write(line);
      last = line;
    },
    end() {
      if (last) write(`\r${' '.repeat(last.length)}\r`);
    },
  };
}
