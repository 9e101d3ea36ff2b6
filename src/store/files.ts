// Where each kind of source file lives in the gradebook folder (DESIGN.md § Folder). Kept apart from
// the parsers so that finding and statting the folder loads no YAML or CSV library.
export const SETTINGS_FILE = 'pathbook.yaml';
export const ROSTER_FILE = 'roster.csv';
export const STANDARDS_FILE = 'standards.yaml';
export const ASSESSMENTS_DIR = 'assessments';
export const OBSERVATIONS_FILE = 'observations.csv';
export const ACTIVITIES_FILE = 'activities.yaml';
export const STUDENTS_DIR = 'students';
export const MASTERY_FILE = 'mastery.csv';
