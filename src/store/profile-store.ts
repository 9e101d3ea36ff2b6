// students/<id>.yaml: what people write about a student (DESIGN.md § PLPs).
import type { Diagnostic, Goal, Profile } from '../domain/types.ts';
import { Fields } from './fields.ts';
import { parseYamlText } from './yaml.ts';
import { STUDENTS_DIR } from './files.ts';

export { STUDENTS_DIR } from './files.ts';

export function emptyProfile(studentId: string): Profile {
  return { studentId, interests: [], strengths: [], preferences: [], accommodations: [], goals: [], reflections: [], source: { file: `${STUDENTS_DIR}/${studentId}.yaml`, line: 1 } };
}

export function parseProfile(text: string, studentId: string, file: string): { profile: Profile; diagnostics: Diagnostic[] } {
  const profile = emptyProfile(studentId);
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml || yaml.data === null || yaml.data === undefined) return { profile, diagnostics };
  const f = new Fields(yaml, diagnostics, 'profile');
  if (!f.isMap([])) {
    f.error([], 'a student profile should be a mapping (interests:, goals:, …)');
    return { profile, diagnostics };
  }
  f.unknownKeys([], ['interests', 'strengths', 'preferences', 'accommodations', 'goals', 'reflections', 'notes']);
  profile.interests = f.texts(['interests']);
  profile.strengths = f.texts(['strengths']);
  profile.preferences = f.texts(['preferences']);
  profile.accommodations = f.texts(['accommodations']);
  profile.goals = f.list(['goals'], 'goals').map((_, i): Goal => ({
    id: f.text(['goals', i, 'id'], { required: true, id: true, fallback: `g${i + 1}` }),
    text: f.text(['goals', i, 'text'], { required: true }),
    author: f.oneOf(['goals', i, 'author'], ['student', 'teacher', 'parent'] as const, 'teacher'),
    set: f.text(['goals', i, 'set']),
    target: f.text(['goals', i, 'target']),
    status: f.oneOf(['goals', i, 'status'], ['active', 'met', 'dropped'] as const, 'active'),
    standards: f.texts(['goals', i, 'standards'], { id: true }),
  }));
  profile.reflections = f.list(['reflections'], 'reflections').map((_, i) => ({
    date: f.text(['reflections', i, 'date']),
    text: f.text(['reflections', i, 'text'], { required: true }),
  }));
  profile.source = { file, line: 1 };
  return { profile, diagnostics };
}
