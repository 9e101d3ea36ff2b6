// The parsers of every source file, in one module: the YAML and CSV libraries they need are loaded
// only when a file is not in the parse cache (see openBook in book-load.ts).
export { parseActivities } from './activities-store.ts';
export { parseAssessmentYaml, parseScores } from './assessment-store.ts';
export { parseObservations } from './observations-store.ts';
export { parseProfile } from './profile-store.ts';
export { parseRoster } from './roster-store.ts';
export { parseSettings } from './settings-store.ts';
export { parseStandards } from './standards-store.ts';
