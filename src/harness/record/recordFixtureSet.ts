import {
  holdsSecret,
  listPages,
  PlexHttp,
  type PlexLibrarySection,
  parseMediaContainer,
  type Query,
  readListingPage,
  redactText,
  resolveClientConfig,
  sectionsOf,
} from '../../client/internal.js';
import { LISTING_TYPE, PlexNotFound, type PlexTlsOptions } from '../../index.js';
import { PLEXMATCH_VERSION } from '../../version.js';
import type { FixtureResponse, FixtureSet } from '../fixtures/fixtureSet.js';
import { splitContainer } from '../fixtures/splitContainer.js';
import { PAGING_ATTRIBUTES, renderPage } from '../server/paging.js';
import { XML_CONTENT_TYPE } from '../server/response.js';
import type { Anonymizer } from './anonymizer.js';
import { anonymizeXml } from './anonymizeXml.js';

export interface RecordOptions {
  readonly url: string;
  readonly token?: string | undefined;
  /** Section titles to record (exact); absent: every section. */
  readonly libraries?: readonly string[] | undefined;
  /** Rewrites what is personal consistently (see anonymizeXml). */
  readonly anonymizer?: Anonymizer | undefined;
  /** The fixture set's name (kebab-case). */
  readonly name: string;
  /** Items per listing request. Default 500. */
  readonly pageSize?: number;
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  /** How the server's https is checked. */
  readonly tls?: PlexTlsOptions;
  /** Stops the recording: the client is closed, the call rejects, nothing is returned. */
  readonly signal?: AbortSignal;
  /** Called after every listing page: section title, items so far, total. */
  readonly onProgress?: (section: string, done: number, total: number) => void;
}

export interface RecordedSet extends FixtureSet {
  /** How it was made, for the manifest's `source`: server and date, never the token. */
  readonly source: string;
  readonly sections: readonly { readonly title: string; readonly type: string; readonly items: number }[];
}

/** The item-level `type=` of a section's listing, as the client asks for it. */
const ITEM_LEVEL: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LISTING_TYPE).map(([type, level]) => [type, String(level)]),
);

/** What a listing asks for: the fixture key (path + query) and whether it is paged. */
interface Listing {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly paged: boolean;
}

/**
 * The listings a snapshot holds for a section: the same requests as a
 * generated set (fixtureFromLibrary), so recorded and generated sets answer
 * the same clients: item level, the default listing (shows in a show
 * section, plus type=2), and the filter metadata python-plexapi reads.
 */
function listingsOf(section: PlexLibrarySection): Listing[] {
  const path = `/library/sections/${section.key}/all`;
  const level = ITEM_LEVEL[section.type];
  const meta = { includeMeta: '1', includeAdvanced: '1' };
  return [
    ...(level === undefined ? [] : [{ path, query: { type: level }, paged: true }]),
    { path, query: {}, paged: true },
    ...(section.type === 'show' ? [{ path, query: { type: '2' }, paged: true }] : []),
    { path, query: meta, paged: false },
    { path: `/library/sections/${section.key}/collections`, query: meta, paged: false },
  ];
}

function response(
  path: string,
  query: Readonly<Record<string, string>>,
  body: string,
  paged: boolean,
): FixtureResponse {
  return {
    request: { method: 'GET', path, query: { ...query } },
    status: 200,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body,
    ...(paged ? { paged: true } : {}),
  };
}

/**
 * Records what replaying the chosen libraries needs (docs/cli.md, `record`):
 * `/`, `/identity`, `/library`, `/library/sections`, and per section every
 * listing page, joined into one paged body. Uses the real client transport
 * (timeouts, retry). The token is sent in a header, so it is in no recorded
 * URL; it is also removed from every body, and the result is checked for it.
 */
export async function recordFixtureSet(options: RecordOptions): Promise<RecordedSet> {
  const config = resolveClientConfig(
    options.url,
    options.token,
    Object.fromEntries(
      Object.entries({
        connectTimeoutMs: options.connectTimeoutMs,
        readTimeoutMs: options.readTimeoutMs,
        pageSize: options.pageSize,
        ...options.tls,
      }).filter(([, value]) => value !== undefined),
    ),
  );
  const http = new PlexHttp(config);
  const stop = () => void http.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  const token = config.token;
  const anonymizer = options.anonymizer;
  // Only Plex XML is recorded: each answer is read as the client reads it (a body that is not
  // Plex XML is the client's PlexPermanentError), and kept as text without the token.
  const redacted = (body: readonly Buffer[]) => redactText(Buffer.concat(body).toString('utf8'), token);
  const asText = (body: readonly Buffer[]) => {
    parseMediaContainer(body);
    return redacted(body);
  };
  const text = async (path: string, query: Query = {}, headers?: Record<string, string>) =>
    (await http.getXml(path, asText, query, headers === undefined ? {} : { headers })).value;
  try {
    const root = await text('/');
    const identity = await text('/identity');
    const library = await text('/library');
    // The sections are read inside the request too: one without a key or title is the server's XML_MALFORMED.
    const readSections = (body: readonly Buffer[]) => {
      const all = sectionsOf(parseMediaContainer(body));
      return { text: redacted(body), all };
    };
    const { text: sectionsBody, all } = (await http.getXml('/library/sections', readSections)).value;
    const wanted = options.libraries ?? all.map((s) => s.title);
    for (const title of wanted) {
      if (!all.some((s) => s.title === title)) {
        throw http.redact(
          new PlexNotFound(
            `no library titled "${title}" on ${http.urlFor('')}; the libraries are: ${all.map((s) => `"${s.title}"`).join(', ')}`,
            { url: http.urlFor('/library/sections'), code: 'LIBRARY_NOT_FOUND', attempts: 1 },
          ),
        );
      }
    }
    // A title is recorded as the bodies hold it: a library titled like the token is REDACTED there.
    const chosen = all
      .filter((s) => wanted.includes(s.title))
      .map((s) => ({ ...s, title: redactText(s.title, token) }));
    const responses: FixtureResponse[] = [
      response('/', {}, root, false),
      response('/identity', {}, identity, false),
      response('/library', {}, library, false),
      response('/library/sections', {}, sectionsBody, false),
    ];
    const sections: { title: string; type: string; items: number }[] = [];
    for (const section of chosen) {
      for (const listing of listingsOf(section)) {
        if (!listing.paged) {
          const window = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '0' };
          responses.push(response(listing.path, listing.query, await text(listing.path, listing.query, window), false));
          continue;
        }
        // Every page's children (each once), joined under the first page's container attributes into
        // one paged body. The pages come through the client's own paging, guards included.
        let attributes: string | undefined;
        const items: string[] = [];
        const itemLevel = listing.query.type === ITEM_LEVEL[section.type];
        const readPage = (body: readonly Buffer[]) => {
          const page = readListingPage(body, 'matching');
          return { ...page, split: splitContainer(redactText(Buffer.concat(body).toString('utf8'), token)) };
        };
        const what = `listing library "${section.title}"`;
        for await (const page of listPages(http, listing.path, listing.query, readPage, what)) {
          attributes ??= page.split.attributes.replace(PAGING_ATTRIBUTES, '').trim();
          page.split.children.forEach((child, k) => {
            if (page.childFresh[k] !== false) items.push(child);
          });
          if (itemLevel) options.onProgress?.(section.title, items.length, Math.max(items.length, page.totalSize ?? 0));
        }
        const merged = renderPage(items, { start: 0, size: undefined }, attributes ?? '');
        responses.push(response(listing.path, listing.query, merged, true));
        if (itemLevel) sections.push({ title: section.title, type: section.type, items: items.length });
      }
    }
    const keep = new Set(chosen.map((s) => s.title));
    const final =
      anonymizer === undefined
        ? responses
        : responses.map((r) => ({ ...r, body: anonymizeXml(anonymizer, r.body, keep) }));
    const server = anonymizer === undefined ? http.urlFor('') : 'a Plex server (address withheld: --anonymize)';
    const source = `recorded from ${server} on ${new Date().toISOString().slice(0, 10)} by plexmatch ${PLEXMATCH_VERSION} record${anonymizer === undefined ? '' : ' --anonymize'}`;
    const set: RecordedSet = {
      name: options.name,
      description: `${chosen.map((s) => `${s.title} (${s.type})`).join(', ') || 'no libraries'}, recorded`,
      source,
      responses: final,
      sections,
    };
    // Every body went through redactText; this is the check that it did (a bug, not the server's doing).
    if (holdsSecret(JSON.stringify(set), token) || final.some((r) => holdsSecret(r.body, token)))
      throw new Error('the recording still holds the token; nothing was written');
    return set;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await http.close();
  }
}
