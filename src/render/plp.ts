// PLPs as Markdown and print-ready HTML: the domain's model becomes a read-only view of display
// strings in the report's language, then an eta template (teacher-editable, in templates/) lays
// it out. Values are escaped by the engine for the format: HTML entities for .html, Markdown
// backslash escapes for .md (eta's escapeFunction), so a template cannot forget to.
import { Eta } from 'eta/core';
import { formatPoints, formatScore } from '../domain/numbers.ts';
import { playlistProgress } from '../domain/playlist-progress.ts';
import type { PlpModel, PlpStandard } from '../domain/plp.ts';
import type { Labels, Language, TemplateFile } from '../store/templates-store.ts';
import { UserError } from '../store/errors.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';
import { levelDotsSvg, levelDotsText, trendSvg } from './svg.ts';

export type PlpFormat = 'md' | 'html';

/** How many of the latest evidence scores a printed trend shows. */
export const TREND_POINTS = 8;

/** Words of the report: `t('goals')`, `word('levels', 'Mastered')` with the key itself as fallback. */
export class Words {
  readonly labels: Labels;
  constructor(labels: Labels) {
    this.labels = labels;
  }

  /** A label with {placeholders} filled in. */
  t(key: string, vars: Record<string, string | number> = {}): string {
    const v = this.labels[key];
    const s = typeof v === 'string' ? v : key;
    return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  }

  /** A word from a group (levels, authors, accommodations…), or the value as written. */
  word(group: string, value: string): string {
    const g = this.labels[group];
    const v = g && typeof g === 'object' ? g[value] : undefined;
    return typeof v === 'string' ? v : value;
  }

  /** 2026-11-23 as the language writes it ("November 23, 2026", "23 de noviembre de 2026"). */
  date(iso: string | null | undefined): string {
    if (!iso) return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    const months = this.labels.months;
    const month = months && typeof months === 'object' ? months[String(Number(m[2]))] : undefined;
    if (typeof month !== 'string') return iso;
    return this.t('dateFormat', { d: Number(m[3]), month, y: m[1]! });
  }

  /** Every flat label, for templates (`it.t.goals`). */
  flat(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.labels)) if (typeof v === 'string') out[k] = v;
    return out;
  }
}

export interface LevelView {
  /** The level in the report's language. */
  word: string;
  /** 1 for the lowest level … n for the highest; 0 when not assessed. */
  rank: number;
  of: number;
  dots: string;
  dotsSvg: string;
}

export interface StandardView {
  id: string;
  iCan: string;
  statement: string;
  level: LevelView;
  score: string;
  mastered: boolean;
  thin: boolean;
  override: boolean;
  evidenceCount: number;
  lastDate: string;
  trendText: string;
  trendSvg: string;
  direction: string;
}

function freeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) freeze(v);
  }
  return o;
}

/**
 * The read-only view one report's template receives: every text ready to print, nothing to compute.
 * `svg: false` leaves the charts out (Markdown has no use for them; a class set saves the work).
 */
export function plpView(m: PlpModel, words: Words, opts: { svg?: boolean } = {}) {
  const svg = opts.svg ?? true;
  const levels = [...m.scale.levels].sort((a, b) => a.level - b.level);
  const of = levels.length;
  const level = (n: number | null, label: string): LevelView => {
    const i = n === null ? -1 : levels.findIndex((l) => l.level === n);
    const rank = i + 1;
    const word = words.word('levels', label);
    return { word, rank, of, dots: levelDotsText(rank, of), dotsSvg: svg ? levelDotsSvg(rank, of, levels[i]?.color ?? '', word) : '' };
  };
  const std = (s: PlpStandard): StandardView => {
    const lv = level(s.level, s.label);
    // A printed trend reads best short: the latest TREND_POINTS pieces of evidence (already rounded).
    const shown = s.trend.slice(-TREND_POINTS);
    const trendText = (shown.length < s.trend.length ? '… → ' : '') + shown.map((x) => x.toFixed(2)).join(' → ');
    return {
      id: s.id, iCan: s.studentStatement || s.statement, statement: s.statement, level: lv, score: formatScore(s.score),
      mastered: s.mastered, thin: s.thin, override: s.override, evidenceCount: s.evidenceCount, lastDate: words.date(s.lastDate),
      trendText,
      trendSvg: svg && shown.length ? trendSvg(shown, m.scale.max, m.scale.masteryPoints, `${words.t('trend')} ${s.id}: ${trendText}`) : '',
      direction: s.direction ? words.word('directions', s.direction) : '',
    };
  };
  const name = `${m.student.givenName} ${m.student.familyName}`.trim() || m.student.id;
  const classLine = [m.className, m.student.section ? words.t('sectionOf', { section: m.student.section }) : ''].filter(Boolean).join(' · ');
  const allStandards = new Map(m.units.flatMap((u) => u.standards).map((s) => [s.id, s]));
  return freeze({
    id: m.student.id,
    name,
    givenName: m.student.givenName,
    familyName: m.student.familyName,
    section: m.student.section,
    withdrawn: m.student.status === 'withdrawn',
    className: m.className,
    subject: m.subject,
    classLine,
    asOf: words.date(m.asOf),
    interests: m.interests,
    strengths: m.strengths,
    preferences: m.preferences.map((p) => words.word('preferenceWords', p)),
    reflections: m.reflections.map((r) => ({ date: words.date(r.date), text: r.text })),
    goals: m.goals.map((g) => ({
      id: g.id, text: g.text, author: words.word('authors', g.author), set: words.date(g.set), target: words.date(g.target),
      status: words.word('statuses', g.status), statusKey: g.status,
      standards: g.standards.map((s) => ({ id: s.id, level: level(s.level, s.label || (allStandards.get(s.id)?.label ?? '')), score: formatScore(s.score) })),
      progress: g.standards.length ? words.t('goalProgress', { n: g.mastered, of: g.standards.length }) : '',
    })),
    summary: words.t('summary', { n: m.summary.mastered, of: m.summary.of, assessed: m.summary.assessed }),
    units: m.units.map((u) => ({
      name: u.unit, mastered: words.t('unitProgress', { n: u.mastered, of: u.standards.length }),
      standards: u.standards.map(std),
    })),
    legend: [...m.scale.levels].map((l) => ({
      word: words.word('levels', l.label), range: words.t('levelFrom', { min: formatScore(l.min) }), mastery: l.mastery,
      dots: level(l.level, l.label).dots, dotsSvg: level(l.level, l.label).dotsSvg,
    })),
    notAssessed: level(null, 'Not yet assessed'),
    scaleNote: words.t('scoreOutOf', { max: formatPoints(m.scale.max), mastery: formatScore(m.scale.masteryPoints) }),
    ready: m.next.ready.map(std),
    playlist: m.next.playlist && (() => {
      const p = m.next.playlist;
      const progress = playlistProgress(p);
      return {
        unit: p.unit ?? p.standards.join(', '),
        complete: words.t('playlistComplete', { n: progress.must.n, of: progress.must.of, done: progress.must.done }),
        tracks: p.tracks.map((t) => ({
          type: words.word('trackTypes', t.type), typeKey: t.type, title: t.title || t.activity, kind: t.kind,
          minutes: t.minutes ? words.t('minutes', { n: t.minutes }) : '', standards: t.standards.join(', '),
          done: !!t.done, doneDate: words.date(t.done), note: t.note ?? '',
        })),
      };
    })(),
    accommodations: m.accommodations.map((a) => words.word('accommodations', a)),
    recent: m.recent.map((e) => ({
      date: words.date(e.date),
      title: e.kind === 'assessment' ? e.title : words.word('evidenceKinds', e.kind === 'override' ? 'override' : e.from),
      standard: e.standard, score: formatScore(e.score), note: e.note,
    })),
  });
}

export type PlpView = ReturnType<typeof plpView>;

function engine(format: PlpFormat): Eta {
  return new Eta({
    autoTrim: false,
    autoEscape: true,
    escapeFunction: format === 'html' ? escapeHtml : escapeMarkdown,
    debug: true,
    cache: false,
    useWith: false,
  });
}

/**
 * A template's failure as the teacher needs it: file and line, and the cause in one sentence.
 * eta's messages hold "<Error> | line N", a few lines of context, a blank line, then the cause
 * (or, for JavaScript syntax, the compiled function): keep the line and the cause.
 */
export function templateError(e: unknown, tpl: TemplateFile): UserError {
  const text = String((e as Error)?.message ?? e);
  const line = Number(/\bline (\d+)/.exec(text)?.[1] ?? 0) || undefined;
  const paragraphs = text.split(/={5,}/)[0]!.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const head = paragraphs[0]!.split('\n')[0]!;
  // A runtime error's head is "line N" (its context follows); a parse error's head is the cause.
  const cause = /^(?:.*\| )?line \d+$/.test(head) ? paragraphs[paragraphs.length - 1]!
    : /^Bad template syntax$/.test(head) ? `${head}: ${paragraphs[1] ?? ''}` : head;
  const what = `the template failed: ${cause.replace(/\s*\n\s*/g, ' ').replace(/:$/, '')}`;
  // JavaScript syntax errors come without a line: name the file in the message instead.
  return new UserError(line ? what : `${tpl.file}: ${what}`, {
    source: line ? { file: tpl.file, line } : undefined,
    hint: tpl.origin === 'folder'
      ? `fix the template, or delete ${tpl.file} to use pathbook's own`
      : 'this is a bug in pathbook; please report it',
  });
}

export interface CompiledPlp {
  /** One document for the given reports (one student, or a combined print file). */
  render(reports: readonly PlpView[]): string;
}

/** Compiles a PLP template once; render it per student and for the combined file. */
export function compilePlp(tpl: TemplateFile, format: PlpFormat, words: Words, lang: Language): CompiledPlp {
  const eta = engine(format);
  let fn: ReturnType<Eta['compile']>;
  try {
    fn = eta.compile(tpl.text);
  } catch (e) {
    throw templateError(e, tpl);
  }
  const t = freeze(words.flat());
  return {
    render(reports) {
      try {
        const out = eta.render(fn, { lang, t, reports, title: reports.length === 1 ? `${t.title ?? ''}: ${reports[0]!.name}` : (t.title ?? '') });
        // Files end with exactly one newline whatever the template's tail.
        return out.trimEnd() + '\n';
      } catch (e) {
        throw templateError(e, tpl);
      }
    },
  };
}
