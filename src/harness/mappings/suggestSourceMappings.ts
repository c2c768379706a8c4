import type { MappingSuggestion, SuggestOptions } from '../../core/mappings/suggestMappings.js';
import { type LibrarySource, withLibrary } from '../match/withLibrary.js';

export interface SuggestSourceOptions extends LibrarySource, SuggestOptions {
  /** The application's paths, one per file (a sample of its library is enough). */
  readonly paths: readonly string[];
}

export interface SourceSuggestion extends MappingSuggestion {
  /** Items in the library the sample was compared with. */
  readonly items: number;
  /**
   * True for a fixture recorded with --anonymize (its key on this machine):
   * the sample was anonymized with the key, so rules and paths are in the
   * fixture's pseudonyms.
   */
  readonly anonymized: boolean;
}

/**
 * `plexmatch mappings suggest` as an API (docs/matching.md §8): the library
 * on a server or a fixture, scanned once, and the mappings that make the
 * application's paths its Part files.
 */
export async function suggestSourceMappings(options: SuggestSourceOptions): Promise<SourceSuggestion> {
  return withLibrary(options, async ({ anonymizer, index: scan }) => {
    const paths = anonymizer === undefined ? options.paths : options.paths.map((path) => anonymizer.path(path));
    const index = await scan();
    const suggestion = index.suggestMappings(paths, options); // it reads only its own options
    return { ...suggestion, items: index.size, anonymized: anonymizer !== undefined };
  });
}
