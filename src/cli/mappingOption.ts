import { InvalidArgumentError } from 'commander';
import type { PathMapping } from '../core/paths/pathMappings.js';

/** `--map from=to`, repeatable, in order; the first `=` splits (Windows paths have no `=`, POSIX ones rarely). */
export function mappingOption(value: string, previous: PathMapping[]): PathMapping[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new InvalidArgumentError(`--map expects from=to (the app's prefix = Plex's prefix), got "${value}"`);
  return [...previous, { from: value.slice(0, eq), to: value.slice(eq + 1) }];
}
