/**
 * A bad argument to the client, found before any I/O. `option` names the
 * argument (url, token, connectTimeoutMs, …); the message says what was
 * expected and never repeats a token value.
 */
export class PlexConfigError extends TypeError {
  override name = 'PlexConfigError';
  readonly option: string;
  constructor(option: string, expected: string) {
    super(`PlexClient: "${option}" ${expected}`);
    this.option = option;
  }
}
