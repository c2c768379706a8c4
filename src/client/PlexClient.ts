import { foldCase } from '../core/paths/normalizeText.js';
import { type PlexClientOptions, resolveClientConfig } from './clientConfig.js';
import { PlexConfigError, PlexNotFound, PlexPermanentError } from './errors/errors.js';
import { PlexHttp } from './PlexHttp.js';
import { PlexLibrary } from './PlexLibrary.js';
import { parseMediaContainer } from './xml/parseMediaContainer.js';
import { sectionsOf } from './xml/toLibrarySection.js';
import { type PlexServerIdentity, toServerIdentity } from './xml/toServerIdentity.js';

/**
 * A Plex Media Server client that never hangs: every request is bounded by
 * a connect and a read timeout, connection-class failures are retried with
 * tenacity's backoff, and every failure is a PlexError without the token.
 * Constructing it does no I/O.
 */
export class PlexClient {
  /** The server URL, token redacted. */
  readonly url: string;
  readonly #http: PlexHttp;
  #server: Promise<PlexServerIdentity> | undefined;

  constructor(url: string | URL, token?: string, options?: PlexClientOptions) {
    this.#http = new PlexHttp(resolveClientConfig(url, token, options));
    this.url = this.#http.urlFor('');
  }

  /** Server identity from `GET /`, cached after the first success. */
  getServer(): Promise<PlexServerIdentity> {
    if (this.#server === undefined) {
      // Read inside getXml: an answer without what an identity needs is the server's XML_MALFORMED.
      const read = (body: readonly Buffer[]) => toServerIdentity(parseMediaContainer(body));
      const pending = this.#http.getXml('/', read).then(({ value }) => value);
      this.#server = pending;
      pending.catch(() => {
        if (this.#server === pending) this.#server = undefined;
      });
    }
    return this.#server;
  }

  /** Every library section of the server. */
  async libraries(): Promise<PlexLibrary[]> {
    return (await this.#sections()).libraries;
  }

  async #sections(): Promise<{ libraries: PlexLibrary[]; attempts: number; url: string }> {
    const read = (body: readonly Buffer[]) => sectionsOf(parseMediaContainer(body));
    const { value: sections, attempts, url } = await this.#http.getXml('/library/sections', read);
    return { libraries: sections.map((section) => new PlexLibrary(this.#http, section)), attempts, url };
  }

  /**
   * The library titled `name`: the one whose title is exactly `name`, else
   * the only one whose title equals it ignoring case (as python-plexapi's
   * `section()` does, so `movies` finds `Movies`), never a guess between
   * several. PlexNotFound lists the titles that exist.
   */
  async getLibrary(name: string): Promise<PlexLibrary> {
    if (typeof name !== 'string' || name === '') throw new PlexConfigError('name', 'must be a non-empty library title');
    const { libraries, attempts, url } = await this.#sections();
    const exact = libraries.filter((library) => library.title === name);
    const folded = foldCase(name); // NFC, then case-folded
    const matches = exact.length > 0 ? exact : libraries.filter((library) => foldCase(library.title) === folded);
    if (matches.length === 1) return matches[0] as PlexLibrary;
    if (matches.length === 0) {
      const titles = libraries.map((library) => `"${library.title}"`).join(', ');
      throw this.#http.redact(
        new PlexNotFound(`no library titled "${name}"; the server has ${titles === '' ? 'no libraries' : titles}`, {
          url,
          code: 'LIBRARY_NOT_FOUND',
          attempts,
        }),
      );
    }
    const which = matches.map((library) => `"${library.title}" (key ${library.key})`).join(', ');
    const how = exact.length > 0 ? `are titled "${name}"` : `match "${name}" ignoring case`;
    throw this.#http.redact(
      new PlexPermanentError(`${matches.length} libraries ${how}: ${which}; pick one from libraries() by key`, {
        url,
        code: 'LIBRARY_AMBIGUOUS',
        attempts,
      }),
    );
  }

  /** Releases every socket. Later calls fail at once with code CLIENT_CLOSED. */
  close(): Promise<void> {
    return this.#http.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
