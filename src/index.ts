/**
 * plexmatch: which Plex item is this file?
 *
 * The client (PlexClient, PlexLibrary, the PlexError family), the matcher
 * (matchPath, findPlexItemByPath, LibraryIndex) and the vendorable core
 * (also importable alone as "plexmatch/core").
 */

// First: on a Node too old for undici, one line says which Node is needed (src/requireSupportedNode.ts).
import './requireSupportedNode.js';

export type { PlexClientOptions, PlexTlsOptions } from './client/clientConfig.js';
export {
  PlexConfigError,
  PlexError,
  type PlexErrorCode,
  type PlexErrorDetails,
  PlexNotFound,
  PlexPermanentError,
  PlexServerDown,
  PlexTemporaryError,
  PlexTimeout,
  type TimeoutPhase,
  XmlFormatError,
} from './client/errors/errors.js';
export type { AttemptEvent, AttemptListener } from './client/http/attemptEvent.js';
export type { FailureCode } from './client/http/failureCode.js';
export type { PlexLogger } from './client/logger.js';
export { findPlexItemByPath } from './client/matching/findPlexItemByPath.js';
export { LibraryIndex } from './client/matching/LibraryIndex.js';
export type { LookupResult, LookupStep, RefreshStep } from './client/matching/lookupResult.js';
export { type MatchOptions, matchPath } from './client/matching/matchPath.js';
export { suggestLibraryMappings } from './client/matching/suggestLibraryMappings.js';
export { PlexClient } from './client/PlexClient.js';
export { LISTING_TYPE, type ListingFilters, PlexLibrary } from './client/PlexLibrary.js';
export { redactUrl } from './client/redact.js';
export type { RandomSource } from './client/retry/backoffDelay.js';
export { backoffDelay } from './client/retry/backoffDelay.js';
export { MAX_ATTEMPTS } from './client/retry/retryPolicy.js';
export type { ItemNote } from './client/xml/readListingPage.js';
export type { PlexLibrarySection, PlexLocation } from './client/xml/toLibrarySection.js';
export type { PlexServerIdentity } from './client/xml/toServerIdentity.js';
export * from './core/index.js';
