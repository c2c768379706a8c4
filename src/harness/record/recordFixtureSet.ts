import {
  holdsSecret,
  PlexHttp,
  type PlexLibrarySection,
  parseMediaContainer,
  type Query,
  redactText,
  resolveClientConfig,
  sectionsOf,
} from '../../client/internal.js';
import { LISTING_TYPE, PlexNotFound, type PlexTlsOptions } from '../../index.js';
import { PLEXMATCH_VERSION } from '../../version.js';
import type { FixtureResponse, FixtureSet } from '../fixtures/fixtureSet.js';
import type { Anonymizer } from './anonymizer.js';
import { anonymizeXml } from './anonymizeXml.js';
import { recordedResponse as response } from './recordedResponse.js';
import { type RecordedItems, recordItemAnswers } from './recordItemAnswers.js';
import { recordListing } from './recordListing.js';

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
  /**
   * `full` (the default) also records each item's own answer and the
   * children of shows and seasons, which clients ask for (fetchItem,
   * reload, show → season → episode); `listing` records the listings only
   * (docs/cli.md, `record --items`).
   */
  readonly items?: RecordedItems;
  /**
   * Called after every listing page (`stage` listing: items so far, the
   * section's total) and every item answer (`stage` items: answers so far,
   * answers known to be needed, which grows as shows reveal their seasons).
   */
  readonly onProgress?: (section: string, done: number, total: number, stage: 'listing' | 'items') => void;
}

export interface RecordedSet extends FixtureSet {
  /** How it was made, for the manifest's `source`: server and date, never the token. */
  readonly source: string;
  readonly sections: readonly RecordedSection[];
}

export interface RecordedSection {
  readonly title: string;
  readonly type: string;
  /** Items in the section's item-level listing. */
  readonly items: number;
  /** With `items: full`: item answers and children listings recorded. */
  readonly answers: number;
  /** With `items: full`: item answers that were 404 (items deleted while recording), not recorded. */
  readonly missing: number;
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

/**
 * Records what replaying the chosen libraries needs (docs/cli.md, `record`):
 * `/`, `/identity`, `/library`, `/library/sections`, per section every
 * listing page, joined into one paged body, and (`items: full`) each item's
 * own answer and the children of shows and seasons. Uses the real client transport
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
    const sections: RecordedSection[] = [];
    for (const section of chosen) {
      const listed: string[] = [];
      let items = 0;
      for (const listing of listingsOf(section)) {
        if (!listing.paged) {
          const window = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '0' };
          responses.push(response(listing.path, listing.query, await text(listing.path, listing.query, window), false));
          continue;
        }
        const itemLevel = listing.query.type === ITEM_LEVEL[section.type];
        const progress = itemLevel
          ? (done: number, total: number) => options.onProgress?.(section.title, done, total, 'listing')
          : undefined;
        const recorded = await recordListing(
          http,
          listing.path,
          listing.query,
          `listing library "${section.title}"`,
          progress,
        );
        responses.push(response(listing.path, listing.query, recorded.body, true));
        listed.push(...recorded.children);
        if (itemLevel) items = recorded.children.length;
      }
      let answers = { responses: [] as readonly FixtureResponse[], missing: 0 };
      if ((options.items ?? 'full') === 'full') {
        answers = await recordItemAnswers(http, listed, text, `library "${section.title}"`, (done, total) =>
          options.onProgress?.(section.title, done, total, 'items'),
        );
        responses.push(...answers.responses);
      }
      if (ITEM_LEVEL[section.type] !== undefined || answers.responses.length > 0)
        sections.push({
          title: section.title,
          type: section.type,
          items,
          answers: answers.responses.length,
          missing: answers.missing,
        });
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
