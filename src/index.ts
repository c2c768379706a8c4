/**
 * plexmatch: which Plex item is this file?
 *
 * The client (PlexClient, PlexLibrary, the PlexError family), the matcher
 * (matchPath, findPlexItemByPath, LibraryIndex) and the vendorable core
 * (also importable alone as "plexmatch/core").
 */

export type { PlexClientOptions } from './client/clientConfig.js';
export { PlexError, type PlexErrorDetails } from './client/errors/PlexError.js';
export { PlexNotFound } from './client/errors/PlexNotFound.js';
export { PlexPermanentError } from './client/errors/PlexPermanentError.js';
export { PlexServerDown } from './client/errors/PlexServerDown.js';
export { PlexTemporaryError } from './client/errors/PlexTemporaryError.js';
export { PlexTimeout, type TimeoutPhase } from './client/errors/PlexTimeout.js';
export type { AttemptEvent, AttemptListener } from './client/http/attemptEvent.js';
export type { FailureCode } from './client/http/failureCode.js';
export type { PlexLogger } from './client/logger.js';
export { findPlexItemByPath } from './client/matching/findPlexItemByPath.js';
export { LibraryIndex } from './client/matching/LibraryIndex.js';
export { type MatchOptions, matchPath } from './client/matching/matchPath.js';
export { PlexClient } from './client/PlexClient.js';
export { PlexConfigError } from './client/PlexConfigError.js';
export { LISTING_TYPE, type ListingFilters, PlexLibrary } from './client/PlexLibrary.js';
export { redactUrl } from './client/redact.js';
export type { RandomSource } from './client/retry/backoffDelay.js';
export { backoffDelay } from './client/retry/backoffDelay.js';
export { MAX_ATTEMPTS } from './client/retry/retryPolicy.js';
export type { PlexLibrarySection, PlexLocation } from './client/xml/toLibrarySection.js';
export type { PlexServerIdentity } from './client/xml/toServerIdentity.js';
export * from './core/index.js';
