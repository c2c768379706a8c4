import type { PlexItem, PlexMedia, PlexPart } from '../../core/plexItem.js';
import { intValue } from './attributes.js';
import { readXml, type XmlAttributes, type XmlBody } from './readXml.js';

/** The element names that hold playable items in a section listing. */
const ITEM_TAGS: ReadonlySet<string> = new Set(['Video', 'Track', 'Photo']);

/**
 * Which fields of each item a reader keeps. `full`: every field of the
 * item model. `matching`: what matching and its results need (docs/client.md,
 * "What an index keeps"), for a LibraryIndex of a big section.
 */
export type ItemFields = 'full' | 'matching';

/** One page of a section listing: its paging attributes and its items. */
export interface ListingPage {
  /** `size`: items in this page, as the server counts them. */
  readonly size: number | undefined;
  /** `totalSize`: items in the whole listing (absent when the server sent the whole list). */
  readonly totalSize: number | undefined;
  /** `offset`: where this page starts in the listing. */
  readonly offset: number | undefined;
  readonly items: PlexItem[];
  /**
   * The ratingKey of every child of the container, items or not (undefined without one), in order:
   * what paging counts, and how a scan tells a repeated child.
   */
  readonly childKeys: readonly (string | undefined)[];
  /**
   * The newest addedAt or updatedAt of the page's items that is not after the server's clock (0 when
   * none has one), read whatever the fields kept: where an incremental refresh may start.
   */
  readonly newestChange: number;
  /** Items of the page that could not be used, or were read without a malformed optional field (docs/client.md). */
  readonly notes: readonly ItemNote[];
}

/** What was wrong with one item of a listing, and whether it was skipped or read without the field. */
export interface ItemNote {
  readonly tag: string;
  readonly ratingKey?: string;
  readonly title?: string;
  readonly problem: string;
  readonly skipped: boolean;
}

type Attributes = XmlAttributes;

/**
 * Short values that repeat on every item (type, container, resolution) are
 * stored once: a 100k-item section would otherwise hold 100k copies of "movie".
 */
const interned = new Map<string, string>();
function intern(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 32) return value;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size < 1024) interned.set(value, value);
  return value;
}

/** The latest time a Date can show, in seconds (ECMAScript's limit: 8.64e15 ms). */
const LATEST_DATE_S = 8.64e12;

/** An optional integer: a value that is not one is noted and left out, never coerced, never fatal. */
function optionalInt(attributes: Attributes, name: string, notes: string[]): number | undefined {
  const value = attributes.get(name);
  if (value === undefined || value === '') return undefined;
  if (/^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  notes.push(`${name}="${value.slice(0, 40)}" is not an integer (read without it)`);
  return undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Items, versions and parts are built by constructors that set their optional fields by name, in a
// fixed order: V8 then stores every field inside the object (a literal grown field by field keeps a
// separate property array, and a generic copy loop turned 100k items into hash tables).

class ListedPart implements PlexPart {
  readonly file: string;
  constructor(attributes: Attributes, file: string, full: boolean, notes: string[]) {
    const self = this as Mutable<PlexPart>;
    const id = attributes.get('id');
    if (id !== undefined) self.id = id;
    this.file = file;
    if (!full) return;
    const key = attributes.get('key');
    if (key !== undefined) self.key = key;
    const size = optionalInt(attributes, 'size', notes);
    if (size !== undefined) self.size = size;
    const container = intern(attributes.get('container'));
    if (container !== undefined) self.container = container;
  }
}

class ListedMedia implements PlexMedia {
  parts: PlexPart[] = [];
  constructor(attributes: Attributes, full: boolean) {
    const self = this as Mutable<PlexMedia>;
    const id = attributes.get('id');
    if (id !== undefined) self.id = id;
    if (full) {
      const container = intern(attributes.get('container'));
      if (container !== undefined) self.container = container;
      const videoResolution = intern(attributes.get('videoResolution'));
      if (videoResolution !== undefined) self.videoResolution = videoResolution;
    }
    const proxyType = intern(attributes.get('proxyType'));
    if (proxyType !== undefined) self.proxyType = proxyType;
  }
}

class ListedItem implements PlexItem {
  readonly ratingKey: string;
  readonly key: string;
  readonly type: string;
  readonly title: string;
  media: PlexMedia[] = [];
  constructor(tag: string, attributes: Attributes, ratingKey: string, full: boolean, notes: string[]) {
    this.ratingKey = ratingKey;
    this.key = attributes.get('key') ?? `/library/metadata/${ratingKey}`;
    this.type = intern(attributes.get('type')) ?? (intern(tag.toLowerCase()) as string);
    this.title = attributes.get('title') ?? '';
    const self = this as Mutable<PlexItem>;
    const year = optionalInt(attributes, 'year', notes);
    if (year !== undefined) self.year = year;
    if (full) {
      const guid = attributes.get('guid');
      if (guid !== undefined) self.guid = guid;
      const librarySectionID = intern(attributes.get('librarySectionID'));
      if (librarySectionID !== undefined) self.librarySectionID = librarySectionID;
    }
    const grandparentTitle = attributes.get('grandparentTitle');
    if (grandparentTitle !== undefined) self.grandparentTitle = grandparentTitle;
    const parentTitle = attributes.get('parentTitle');
    if (parentTitle !== undefined) self.parentTitle = parentTitle;
    const parentIndex = optionalInt(attributes, 'parentIndex', notes);
    if (parentIndex !== undefined) self.parentIndex = parentIndex;
    const index = optionalInt(attributes, 'index', notes);
    if (index !== undefined) self.index = index;
    const parentRatingKey = attributes.get('parentRatingKey');
    if (parentRatingKey !== undefined) self.parentRatingKey = parentRatingKey;
    const grandparentRatingKey = attributes.get('grandparentRatingKey');
    if (grandparentRatingKey !== undefined) self.grandparentRatingKey = grandparentRatingKey;
    if (!full) return;
    const addedAt = optionalInt(attributes, 'addedAt', notes);
    if (addedAt !== undefined) self.addedAt = addedAt;
    const updatedAt = optionalInt(attributes, 'updatedAt', notes);
    if (updatedAt !== undefined) self.updatedAt = updatedAt;
  }
}

/** An item being read: it, the Media being read in it, and what was wrong with its fields so far. */
interface ItemInProgress {
  readonly tag: string;
  readonly item: ListedItem;
  media: ListedMedia | undefined;
  readonly notes: string[];
  /** The newer of addedAt and updatedAt (0 without either), kept for the page even when the fields are not. */
  readonly changedAt: number;
}

function startItem(tag: string, attributes: Attributes, full: boolean): ItemInProgress {
  const notes: string[] = [];
  const changedAt = Math.max(
    optionalInt(attributes, 'addedAt', []) ?? 0,
    optionalInt(attributes, 'updatedAt', []) ?? 0,
  );
  const item = new ListedItem(tag, attributes, attributes.get('ratingKey') ?? '', full, notes);
  return { tag, item, media: undefined, notes, changedAt };
}

/**
 * What a finished item is: usable (it has a ratingKey and a Part with a
 * non-empty file; Media and Parts without one are left out), or skipped,
 * and what to say about it either way (docs/client.md, "Odd items").
 */
function finish(reading: ItemInProgress, clock: number): { item?: PlexItem; notes: ItemNote[] } {
  const { item, tag } = reading;
  // Copied to its exact length either way (a list grown by push keeps room for more).
  item.media = item.media.every((media) => media.parts.length > 0)
    ? item.media.slice()
    : item.media.filter((media) => media.parts.length > 0);
  // An item dated after the server's clock (a bad scan, a file dated 2100) is used, but a refresh
  // cursor taken from it would run ahead of the server and never see later files again.
  if (reading.changedAt > clock) {
    const date =
      Math.abs(reading.changedAt) <= LATEST_DATE_S ? `, ${new Date(reading.changedAt * 1000).toISOString()}` : '';
    reading.notes.push(
      `is dated after the server's clock (${reading.changedAt}${date}); incremental refreshes do not start from its date`,
    );
  }
  // The common case: nothing to say, nothing to build.
  if (reading.notes.length === 0 && item.ratingKey !== '' && item.media.length > 0) return { item, notes: [] };
  const who = {
    tag,
    ...(item.ratingKey === '' ? {} : { ratingKey: item.ratingKey }),
    ...(item.title === '' ? {} : { title: item.title }),
  };
  const skip =
    item.ratingKey === '' ? 'has no ratingKey' : item.media.length === 0 ? 'has no Part with a file' : undefined;
  const notes = reading.notes.map((problem) => ({ ...who, problem, skipped: false }));
  if (skip !== undefined) return { notes: [{ ...who, problem: skip, skipped: true }] };
  return { item, notes };
}

/**
 * Reads one page of a section listing in a single pass, keeping only what
 * the item model holds (or, with `fields: 'matching'`, what matching
 * needs): the <Video>/<Track>/<Photo> children of the root (not items
 * nested deeper, not <Directory> entries), their <Media> and <Part>
 * elements, and the container's paging attributes. Tags, people and every
 * other attribute are read past and never stored, so memory grows with the
 * items, not with the XML. File paths come out exactly as sent. `clock`
 * is the server's time (seconds): an item dated after it is noted, and
 * left out of `newestChange`.
 */
export function readListingPage(
  body: XmlBody,
  fields: ItemFields = 'full',
  clock: number = Number.POSITIVE_INFINITY,
): ListingPage {
  const full = fields === 'full';
  const items: PlexItem[] = [];
  const childKeys: (string | undefined)[] = [];
  let paging: Omit<ListingPage, 'items' | 'childKeys' | 'newestChange' | 'notes'> = {
    size: undefined,
    totalSize: undefined,
    offset: undefined,
  };
  let newestChange = 0;
  const notes: ItemNote[] = [];
  let item: ItemInProgress | undefined;
  readXml(body, {
    open(name, attributes, depth) {
      if (depth === 0) {
        const where = 'the listing <MediaContainer>';
        paging = {
          size: intValue(attributes.get('size'), 'size', where),
          totalSize: intValue(attributes.get('totalSize'), 'totalSize', where),
          offset: intValue(attributes.get('offset'), 'offset', where),
        };
      } else if (depth === 1) {
        if (ITEM_TAGS.has(name)) item = startItem(name, attributes, full);
        const key = item?.item.ratingKey || attributes.get('ratingKey');
        childKeys.push(key === '' ? undefined : key);
      } else if (depth === 2 && item !== undefined && name === 'Media') {
        item.media = new ListedMedia(attributes, full);
      } else if (depth === 3 && item?.media !== undefined && name === 'Part') {
        // A Part without a file (a channel's stream) is nothing a path can match.
        const file = attributes.get('file');
        if (file !== undefined && file !== '')
          item.media.parts.push(new ListedPart(attributes, file, full, item.notes));
      }
    },
    close(_name, depth) {
      // Lists are copied to their exact length: a list grown by push keeps room for 16 more.
      if (depth === 2 && item?.media !== undefined) {
        item.media.parts = item.media.parts.slice();
        item.item.media.push(item.media);
        item.media = undefined;
      } else if (depth === 1 && item !== undefined) {
        const done = finish(item, clock);
        notes.push(...done.notes);
        if (done.item !== undefined) {
          if (item.changedAt <= clock) newestChange = Math.max(newestChange, item.changedAt);
          items.push(done.item);
        }
        item = undefined;
      }
    },
  });
  return { ...paging, items, childKeys, newestChange, notes };
}
