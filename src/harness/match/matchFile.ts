import { parseMatchInput } from '../../core/paths/matchInput.js';
import type { PathMapping } from '../../core/paths/pathMappings.js';
import type { ItemNote, LookupResult } from '../../index.js';
import { type LibrarySource, withLibrary } from './withLibrary.js';

export interface MatchFileOptions extends LibrarySource {
  /** The file's path as the asking application sees it. */
  readonly path: string;
  readonly mappings?: readonly PathMapping[];
}

export interface MatchFileResult {
  readonly result: LookupResult;
  /** The path and mappings as looked up: the given ones, or their pseudonyms for an anonymized fixture. */
  readonly path: string;
  readonly mappings: readonly PathMapping[];
  /** True when the fixture was recorded with --anonymize and its key is on this machine. */
  readonly anonymized: boolean;
  /** The fixture folder used, when there was one. */
  readonly fixtureDir?: string;
  /** Items of the library the scan skipped (no ratingKey, no Part with a file), with why. */
  readonly skipped: readonly ItemNote[];
}

/**
 * `plexmatch match` as an API: which item of `library` holds the file at
 * `path`, on a server or a fixture set, with the full result (candidates
 * and trace) for --explain. For a fixture recorded with --anonymize, the
 * path and mappings are anonymized with the key kept beside the folder,
 * so a user's real path finds its pseudonymous twin.
 */
export async function matchFile(options: MatchFileOptions): Promise<MatchFileResult> {
  if ((options.url === undefined) === (options.fixture === undefined))
    throw new TypeError('matchFile: give either url or fixture');
  // Bad input fails before any I/O (and before a fixture server starts); it is checked once.
  const given = parseMatchInput(options.path, { mappings: options.mappings ?? [] });
  return withLibrary(options, async ({ anonymizer, fixtureDir, index: scan }) => {
    const path = anonymizer?.path(options.path) ?? options.path;
    const mappings = (options.mappings ?? []).map((m) =>
      anonymizer === undefined ? m : { from: anonymizer.path(m.from), to: anonymizer.path(m.to) },
    );
    // An anonymized fixture is looked up with the pseudonyms: another input, checked in its turn.
    const input = anonymizer === undefined ? given : parseMatchInput(path, { mappings });
    const index = await scan();
    const result = await index.lookup(input);
    return {
      result,
      path,
      mappings,
      anonymized: anonymizer !== undefined,
      skipped: index.skipped,
      ...(fixtureDir === undefined ? {} : { fixtureDir }),
    };
  });
}
