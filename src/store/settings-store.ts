// pathbook.yaml: the class's settings. Missing keys take the defaults in src/domain/settings.ts.
import { isValidDate } from '../domain/ids.ts';
import { defaultSettings } from '../domain/settings.ts';
import type { Diagnostic, Level, MethodName, Settings } from '../domain/types.ts';
import { METHODS } from '../domain/types.ts';
import { Fields } from './fields.ts';
import { parseYamlText } from './yaml.ts';

export const SETTINGS_FILE = 'pathbook.yaml';

const TOP_KEYS = ['class', 'subject', 'grade', 'scale', 'mastery', 'decisions', 'grouping', 'reportCard', 'language', 'git'];

export function parseSettings(text: string, file = SETTINGS_FILE): { settings: Settings; diagnostics: Diagnostic[] } {
  const settings = defaultSettings();
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) return { settings, diagnostics };
  if (yaml.data === null || yaml.data === undefined) return { settings, diagnostics };
  const f = new Fields(yaml, diagnostics, 'settings');
  if (!f.isMap([])) {
    f.error([], 'pathbook.yaml should be a mapping of settings (key: value)');
    return { settings, diagnostics };
  }
  f.unknownKeys([], TOP_KEYS);
  settings.className = f.text(['class'], { fallback: settings.className });
  settings.subject = f.text(['subject']);
  settings.grade = f.text(['grade']);
  settings.language = f.oneOf(['language'], ['en', 'es'] as const, 'en');

  if (f.has(['scale'])) {
    settings.scale.max = f.number(['scale', 'max'], { fallback: settings.scale.max, min: 0 });
    if (f.has(['scale', 'levels'])) {
      settings.scale.levels = f.list(['scale', 'levels'], 'scale.levels').map((_, i): Level => ({
        level: f.number(['scale', 'levels', i, 'level'], { required: true, fallback: 0 }),
        min: f.number(['scale', 'levels', i, 'min'], { required: true, fallback: 0, min: 0 }),
        label: f.text(['scale', 'levels', i, 'label'], { required: true, fallback: `Level ${i + 1}` }),
        color: f.text(['scale', 'levels', i, 'color'], { fallback: '#888888' }),
        mastery: f.bool(['scale', 'levels', i, 'mastery'], false),
      }));
    }
  }
  if (f.has(['mastery'])) {
    f.unknownKeys(['mastery'], ['method', 'w', 'n', 'minEvidence']);
    settings.mastery.method = f.oneOf<MethodName>(['mastery', 'method'], METHODS, settings.mastery.method);
    settings.mastery.w = f.number(['mastery', 'w'], { fallback: settings.mastery.w, min: 0.01, max: 0.99 });
    settings.mastery.n = f.number(['mastery', 'n'], { fallback: settings.mastery.n, min: 1, max: 10, integer: true });
    settings.mastery.minEvidence = f.number(['mastery', 'minEvidence'], { fallback: settings.mastery.minEvidence, min: 0, integer: true });
  }
  if (f.has(['decisions'])) {
    settings.decisions.wholeClassReteach = f.number(['decisions', 'wholeClassReteach'], { fallback: settings.decisions.wholeClassReteach, min: 0, max: 1 });
    settings.decisions.enrichmentMax = f.number(['decisions', 'enrichmentMax'], { fallback: settings.decisions.enrichmentMax, min: 0, max: 1 });
  }
  if (f.has(['grouping'])) {
    const pairs = (key: string) => f.list(['grouping', key], `grouping.${key}`).map((_, i) => f.texts(['grouping', key, i], { id: true }));
    settings.grouping.keepApart = pairs('keepApart');
    settings.grouping.keepTogether = pairs('keepTogether');
    settings.grouping.avoidRepeatWeeks = f.number(['grouping', 'avoidRepeatWeeks'], { fallback: 0, min: 0, integer: true });
  }
  if (f.has(['reportCard'])) {
    if (f.has(['reportCard', 'bands'])) {
      settings.reportCard.bands = f.list(['reportCard', 'bands'], 'reportCard.bands').map((_, i) => ({
        mark: f.text(['reportCard', 'bands', i, 'mark'], { required: true }),
        min: f.number(['reportCard', 'bands', i, 'min'], { required: true, fallback: 0 }),
      }));
    }
    settings.reportCard.guards = f.list(['reportCard', 'guards'], 'reportCard.guards').map((_, i) => ({
      mark: f.text(['reportCard', 'guards', i, 'mark'], { required: true }),
      minStandardLevel: f.number(['reportCard', 'guards', i, 'minStandardLevel'], { required: true, fallback: 0 }),
    }));
    settings.reportCard.terms = f.list(['reportCard', 'terms'], 'reportCard.terms').map((_, i) => {
      const date = (key: 'from' | 'to') => {
        const v = f.text(['reportCard', 'terms', i, key], { required: true });
        if (v && !isValidDate(v)) f.error(['reportCard', 'terms', i, key], `\`${key}: ${v}\` is not a date like 2026-08-15`, 'write the first and last day of the term as YYYY-MM-DD');
        return v;
      };
      const term = { name: f.text(['reportCard', 'terms', i, 'name'], { required: true }), from: date('from'), to: date('to') };
      if (term.from && term.to && term.from > term.to) f.error(['reportCard', 'terms', i], `term ${term.name} ends (${term.to}) before it starts (${term.from})`, 'swap from and to');
      return term;
    });
  }
  settings.git.autoCommit = f.bool(['git', 'autoCommit'], false);
  return { settings, diagnostics };
}
