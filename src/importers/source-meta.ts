// What every importer knows about the file it reads, and the title a file name suggests.

export interface SourceMeta {
  /** As typed on the command line, for messages. */
  file: string;
  fileName: string;
  sha256: string;
}

/** "Exit ticket 11-20 (Responses).csv" → "Exit ticket 11-20"; "2021-12-18T1148_Grades-Math.csv" → "2021-12-18T1148_Grades-Math". */
export function fileStem(fileName: string): string {
  return fileName
    .replace(/\.(csv|tsv|txt)$/i, '')
    .replace(/\s*\((responses|respuestas|r\u00e9ponses|antworten|respostas|risposte)\)\s*$/i, '')
    .trim() || fileName;
}
