/**
 * The vendorable core of plexmatch: the item model, path handling and the
 * matcher over an in-memory index. No I/O and no imports from outside this
 * folder, so the folder can be copied into another project as it is.
 */

export { MappingSuggester } from './mappings/MappingSuggester.js';
export {
  type MappingSuggestion,
  type SuggestedMapping,
  type SuggestOptions,
  suggestMappings,
  type UnexplainedReason,
} from './mappings/suggestMappings.js';
export {
  MAX_CANDIDATES,
  MAX_TRACE_NOTES,
  type MappingStep,
  type MatchCandidate,
  type MatchResult,
  type MatchStatus,
  STRATEGIES,
  type StrategyName,
  type StrategyStep,
  type TraceNote,
  type TraceReason,
  type TraceStep,
} from './matcher/MatchResult.js';
export { matchInIndex, matchParsed } from './matcher/matchInIndex.js';
export { filesUnder, type KeyKind, keyOfFile, PathIndex } from './matcher/PathIndex.js';
export { exactKey, exactKeyOfFile } from './paths/exactKey.js';
export { fileNameOf } from './paths/fileName.js';
export { MatchInputError, type MatchInputErrorCode } from './paths/MatchInputError.js';
export { type MappedPath, mapPath } from './paths/mapPath.js';
export { type MatchInput, parseMatchInput } from './paths/matchInput.js';
export { foldCase, nfc } from './paths/normalizeText.js';
export { parseInputPath } from './paths/parseInputPath.js';
export {
  familyOf,
  formatPath,
  type ParsedPath,
  type PathFamily,
  type PathStyle,
  parsePath,
  separatorOf,
} from './paths/parsePath.js';
export {
  type CompiledMapping,
  compiledMappingsOf,
  compileMappings,
  type MappingOptions,
  type PathMapping,
} from './paths/pathMappings.js';
export type { PlexItem, PlexMedia, PlexPart } from './plexItem.js';
