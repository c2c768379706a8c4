import type { MappingSuggestion, SuggestOptions } from '../../core/mappings/suggestMappings.js';
import { type LibrarySource, withLibrary } from '../match/withLibrary.js';
import type { Anonymizer } from '../record/anonymizer.js';
import { eachPathInFile } from './readPathsFile.js';

export interface SuggestSourceOptions extends LibrarySource, SuggestOptions {
  /** The application's paths (a sample of its library is enough) … */
  readonly paths?: readonly string[];
  /**
   * … or a file of them, one per line (readPathsFile's rules), read as a
   * stream in two or three passes, so a sample of any size is never held.
   */
  readonly pathsFrom?: string;
  /** How far a pass over `pathsFrom` has got (pass 1 to 3; bytes read, the file's size). */
  readonly onSampleProgress?: (pass: number, bytesRead: number, bytesTotal: number) => void;
}

export interface SourceSuggestion extends MappingSuggestion {
  /** Sample paths read (usable or not). */
  readonly sampled: number;
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
 * application's paths its Part files. Give `paths` or `pathsFrom`.
 */
export async function suggestSourceMappings(options: SuggestSourceOptions): Promise<SourceSuggestion> {
  const { paths, pathsFrom } = options;
  if ((paths === undefined) === (pathsFrom === undefined)) throw new TypeError('give either paths or pathsFrom');
  // A file that is missing, empty or not UTF-8 at its start is refused before the library is scanned.
  if (pathsFrom !== undefined) {
    const first = eachPathInFile(pathsFrom);
    try {
      first.next();
    } finally {
      first.return(undefined);
    }
  }
  return withLibrary(options, async ({ anonymizer, index: scan }) => {
    const index = await scan();
    const suggester = index.mappingSuggester(options); // it reads only its own options
    const sample = (pass: number): Iterable<string> =>
      pathsFrom === undefined
        ? (paths as readonly string[])
        : eachPathInFile(pathsFrom, (read, total) => options.onSampleProgress?.(pass, read, total));
    const suggestion = suggester.run((pass) =>
      anonymizer === undefined ? sample(pass) : anonymized(sample(pass), anonymizer),
    );
    return { ...suggestion, sampled: suggester.total, items: index.size, anonymized: anonymizer !== undefined };
  });
}

function* anonymized(paths: Iterable<string>, anonymizer: Anonymizer): Generator<string> {
  for (const path of paths) yield anonymizer.path(path);
}
