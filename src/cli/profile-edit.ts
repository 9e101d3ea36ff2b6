// The shared life of every command that edits students/<id>.yaml: under the folder lock, open the
// profile (or start one), apply the edit through yaml's Document API, check the result, commit.
import type { Document } from 'yaml';
import type { Book, Student } from '../domain/types.ts';
import { UserError } from '../store/errors.ts';
import { newProfileText, openProfile, profilePath, profileText, readProfileText } from '../store/profile-edit.ts';
import { parseProfile } from '../store/profile-store.ts';
import type { CliContext } from './context.ts';

/** A student named on the command line: unknown ids are a command-line mistake (exit 2). */
export function findStudent(book: Book, id: string): Student {
  const s = book.students.find((x) => x.id === id);
  if (!s) {
    const near = book.students.filter((x) => x.id.toLowerCase() === id.toLowerCase()).map((x) => x.id);
    throw new UserError(`no student ${JSON.stringify(id)} in roster.csv`, { hint: near.length ? `did you mean ${near.join(', ')}?` : 'see `pathbook roster list`', exitCode: 2 });
  }
  return s;
}

export interface EditContext {
  book: Book;
  student: Student;
  file: string;
}

export async function editProfile<T extends object>(ctx: CliContext, command: string, studentId: string, edit: (doc: Document, e: EditContext) => T): Promise<T & { file: string; created: boolean; written: string[] }> {
  return ctx.write(command, ({ book, root }) => {
    const student = findStudent(book, studentId);
    const file = profilePath(student.id);
    const before = readProfileText(root, student.id);
    const doc = openProfile(before ?? newProfileText(student), file);
    const result = edit(doc, { book, student, file });
    const text = profileText(doc);
    // The edit must leave a profile pathbook reads back without a problem.
    const problems = parseProfile(text, student.id, file).diagnostics.filter((d) => d.severity === 'error');
    if (problems.length) throw new UserError(`the change would leave ${file} unreadable: ${problems[0]!.message}`, { hint: 'fix the file by hand (see `pathbook check`), then try again' });
    return { changes: [{ path: file, content: text }], result: { ...result, file, created: before === undefined }, message: `${command}: ${student.id}` };
  });
}
