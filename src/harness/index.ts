/**
 * The conformance harness as a library (`plexmatch/harness`): every CLI
 * command is one of these calls. Imports the client; the client and core
 * never import this.
 */
// First: on a Node too old for undici, one line says which Node is needed (src/requireSupportedNode.ts).
import '../requireSupportedNode.js';

export { type SeededMediaFolder, seedMediaFolder } from './container/seedMediaFolder.js';
export { FAULT_KINDS, type Fault, type FaultRule } from './faults/fault.js';
export { FaultSpecError, type ParsedFaultSpec, parseFaultSpec } from './faults/parseFaultSpec.js';
export { FixtureError, loadFixtureSet, writeFixtureSet } from './fixtures/fixtureFiles.js';
export { fixtureResponder } from './fixtures/fixtureResponder.js';
export type { FixtureSet } from './fixtures/fixtureSet.js';
export { resolveFixtureSet, SHIPPED_FIXTURES, shippedFixtureNames } from './fixtures/resolveFixtureSet.js';
export { eachPathInFile, PathsFileError, type PathsFileProgress, readPathsFile } from './mappings/readPathsFile.js';
export {
  type SourceSuggestion,
  type SuggestSourceOptions,
  suggestSourceMappings,
} from './mappings/suggestSourceMappings.js';
export { type MatchFileOptions, type MatchFileResult, matchFile } from './match/matchFile.js';
export { interceptWithNock, NOCK_ORIGIN, type NockInterception } from './nock/interceptWithNock.js';
export { type RecordedFolder, type RecordFolderOptions, recordFixtureFolder } from './record/recordFixtureFolder.js';
export {
  type RecordedSection,
  type RecordedSet,
  type RecordOptions,
  recordFixtureSet,
} from './record/recordFixtureSet.js';
export type { RecordedItems } from './record/recordItemAnswers.js';
export { checkServerTarget } from './scenarios/checkServerTarget.js';
export {
  type LoadedScenario,
  loadScenarios,
  type RunnableScenario,
  ScenarioFileError,
  SHIPPED_SCENARIOS,
} from './scenarios/loadScenarios.js';
export { type NewScenario, type NewScenarioOptions, newScenario } from './scenarios/newScenario.js';
export { runScenario } from './scenarios/runScenario.js';
export { type RunOptions, runScenarios } from './scenarios/runScenarios.js';
export { RUN_TARGETS, type RunTarget } from './scenarios/runTarget.js';
export { type RunSummary, type ScenarioResult, summaryLine } from './scenarios/scenarioResult.js';
export { type ServedFixtures, type ServeOptions, serveFixtures } from './serveFixtures.js';
export { selfSignedCertificate, type TlsMaterial } from './server/selfSignedCertificate.js';
export { type ReplayServer, type ReplayServerOptions, startReplayServer } from './server/startReplayServer.js';
