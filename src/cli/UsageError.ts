/** A command line that parses but cannot work (a required pair of options missing); exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
