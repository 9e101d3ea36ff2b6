// Recognising a long CSV (one row per student and item) by its header, apart from the streaming
// reader in long.ts so that detecting a format loads no streams.
import { EMAIL_HEADERS, headerKey, NAME_HEADERS } from './raw.ts';

const STUDENT = new Set(['student', 'studentid', 'id', 'username', 'learner', 'user', 'userid', 'sisid', 'login', 'studentnumber', ...EMAIL_HEADERS]);
const ITEM = new Set(['item', 'itemid', 'question', 'questionid', 'q', 'task', 'problem', 'itemname', 'questionnumber']);
const POINTS = new Set(['points', 'score', 'earned', 'pointsearned', 'value', 'result', 'pointsscored']);
const STANDARD = new Set(['standard', 'standards', 'standardid', 'skill', 'objective', 'learningobjective', 'outcome', 'alignment']);
const MAX = new Set(['maxpoints', 'pointspossible', 'max', 'possible', 'outof', 'maxscore', 'totalpoints', 'possiblepoints']);
const DATE = new Set(['date', 'scoredate', 'datecompleted', 'completed', 'timestamp', 'datetaken']);

export interface LongColumns { student: number; item: number; points: number; standard: number; max: number; date: number; name: number }

export function longColumns(header: readonly string[]): LongColumns {
  const keys = header.map(headerKey);
  const find = (set: Set<string>) => keys.findIndex((k) => set.has(k));
  return { student: find(STUDENT), item: find(ITEM), points: find(POINTS), standard: find(STANDARD), max: find(MAX), date: find(DATE), name: find(NAME_HEADERS) };
}

export function looksLikeLong(header: readonly string[]): boolean {
  const c = longColumns(header);
  return c.student >= 0 && c.item >= 0 && c.points >= 0;
}
