import type { PlexItem, PlexMedia, PlexPart } from '../../core/plexItem.js';
import { XmlFormatError } from '../errors/errors.js';
import { detach, intValue } from './attributes.js';
import { readXml, type XmlBody } from './readXml.js';

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
  /** The newest addedAt or updatedAt of the page's items (0 when none has one), read whatever the fields kept. */
  readonly newestChange: number;
}

type Attributes = Readonly<Record<string, string>>;

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

/** A kept text value: copied out of the page text, so the page can be collected. */
function text(attributes: Attributes, name: string): string | undefined {
  const value = attributes[name];
  return value === undefined ? undefined : detach(value);
}

function required(attributes: Attributes, name: string, where: string): string {
  const value = attributes[name];
  if (value === undefined) throw new XmlFormatError(`${where} has no "${name}" attribute`);
  return detach(value);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Items, versions and parts are built by constructors that set their optional fields by name, in a
// fixed order: V8 then stores every field inside the object (a literal grown field by field keeps a
// separate property array, and a generic copy loop turned 100k items into hash tables).

class ListedPart implements PlexPart {
  readonly id: string;
  readonly file: string;
  constructor(attributes: Attributes, where: string, full: boolean) {
    this.id = required(attributes, 'id', `a <Part> of ${where}`);
    const partWhere = `<Part id="${this.id}"> of ${where}`;
    this.file = required(attributes, 'file', partWhere);
    if (!full) return;
    const self = this as Mutable<PlexPart>;
    const key = text(attributes, 'key');
    if (key !== undefined) self.key = key;
    const size = intValue(attributes.size, 'size', partWhere);
    if (size !== undefined) self.size = size;
    const container = intern(attributes.container);
    if (container !== undefined) self.container = container;
  }
}

class ListedMedia implements PlexMedia {
  readonly id: string;
  parts: PlexPart[] = [];
  constructor(attributes: Attributes, where: string, full: boolean) {
    this.id = required(attributes, 'id', `a <Media> of ${where}`);
    const self = this as Mutable<PlexMedia>;
    if (full) {
      const container = intern(attributes.container);
      if (container !== undefined) self.container = container;
      const videoResolution = intern(attributes.videoResolution);
      if (videoResolution !== undefined) self.videoResolution = videoResolution;
    }
    const proxyType = intern(attributes.proxyType);
    if (proxyType !== undefined) self.proxyType = proxyType;
  }
}

interface MediaInProgress {
  readonly media: ListedMedia;
  readonly where: string;
}

class ListedItem implements PlexItem {
  readonly ratingKey: string;
  readonly key: string;
  readonly type: string;
  readonly title: string;
  media: PlexMedia[] = [];
  constructor(tag: string, attributes: Attributes, where: string, ratingKey: string, full: boolean) {
    this.ratingKey = ratingKey;
    this.key = text(attributes, 'key') ?? `/library/metadata/${ratingKey}`;
    this.type = intern(attributes.type) ?? (intern(tag.toLowerCase()) as string);
    this.title = text(attributes, 'title') ?? '';
    const self = this as Mutable<PlexItem>;
    const year = intValue(attributes.year, 'year', where);
    if (year !== undefined) self.year = year;
    if (full) {
      const guid = text(attributes, 'guid');
      if (guid !== undefined) self.guid = guid;
      const librarySectionID = intern(attributes.librarySectionID);
      if (librarySectionID !== undefined) self.librarySectionID = librarySectionID;
    }
    const grandparentTitle = text(attributes, 'grandparentTitle');
    if (grandparentTitle !== undefined) self.grandparentTitle = grandparentTitle;
    const parentTitle = text(attributes, 'parentTitle');
    if (parentTitle !== undefined) self.parentTitle = parentTitle;
    const parentIndex = intValue(attributes.parentIndex, 'parentIndex', where);
    if (parentIndex !== undefined) self.parentIndex = parentIndex;
    const index = intValue(attributes.index, 'index', where);
    if (index !== undefined) self.index = index;
    const parentRatingKey = text(attributes, 'parentRatingKey');
    if (parentRatingKey !== undefined) self.parentRatingKey = parentRatingKey;
    const grandparentRatingKey = text(attributes, 'grandparentRatingKey');
    if (grandparentRatingKey !== undefined) self.grandparentRatingKey = grandparentRatingKey;
    if (!full) return;
    const addedAt = intValue(attributes.addedAt, 'addedAt', where);
    if (addedAt !== undefined) self.addedAt = addedAt;
    const updatedAt = intValue(attributes.updatedAt, 'updatedAt', where);
    if (updatedAt !== undefined) self.updatedAt = updatedAt;
  }
}

interface ItemInProgress {
  readonly item: ListedItem;
  readonly where: string;
  /** The newer of addedAt and updatedAt (0 without either), kept for the page even when the fields are not. */
  readonly changedAt: number;
}

function startItem(tag: string, attributes: Attributes, full: boolean): ItemInProgress {
  const ratingKey = required(attributes, 'ratingKey', `a <${tag}> item`);
  const where = `<${tag} ratingKey="${ratingKey}">`;
  const changedAt = Math.max(
    intValue(attributes.addedAt, 'addedAt', where) ?? 0,
    intValue(attributes.updatedAt, 'updatedAt', where) ?? 0,
  );
  return { item: new ListedItem(tag, attributes, where, ratingKey, full), where, changedAt };
}

/**
 * Reads one page of a section listing in a single pass, keeping only what
 * the item model holds (or, with `fields: 'matching'`, what matching
 * needs): the <Video>/<Track>/<Photo> children of the root (not items
 * nested deeper, not <Directory> entries), their <Media> and <Part>
 * elements, and the container's paging attributes. Tags, people and every
 * other attribute are read past and never stored, so memory grows with the
 * items, not with the XML. File paths come out exactly as sent.
 */
export function readListingPage(body: XmlBody, fields: ItemFields = 'full'): ListingPage {
  const full = fields === 'full';
  const items: PlexItem[] = [];
  const childKeys: (string | undefined)[] = [];
  let paging: Omit<ListingPage, 'items' | 'childKeys' | 'newestChange'> = {
    size: undefined,
    totalSize: undefined,
    offset: undefined,
  };
  let newestChange = 0;
  let item: ItemInProgress | undefined;
  let media: MediaInProgress | undefined;
  readXml(body, {
    open(name, attributes, depth) {
      if (depth === 0) {
        const where = 'the listing <MediaContainer>';
        paging = {
          size: intValue(attributes.size, 'size', where),
          totalSize: intValue(attributes.totalSize, 'totalSize', where),
          offset: intValue(attributes.offset, 'offset', where),
        };
      } else if (depth === 1) {
        if (ITEM_TAGS.has(name)) item = startItem(name, attributes, full);
        childKeys.push(item?.item.ratingKey ?? text(attributes, 'ratingKey'));
      } else if (depth === 2 && item !== undefined && name === 'Media') {
        const started = new ListedMedia(attributes, item.where, full);
        media = { media: started, where: `<Media id="${started.id}"> of ${item.where}` };
      } else if (depth === 3 && media !== undefined && name === 'Part')
        media.media.parts.push(new ListedPart(attributes, media.where, full));
    },
    close(_name, depth) {
      // Lists are copied to their exact length: a list grown by push keeps room for 16 more.
      if (depth === 2 && media !== undefined && item !== undefined) {
        media.media.parts = media.media.parts.slice();
        item.item.media.push(media.media);
        media = undefined;
      } else if (depth === 1 && item !== undefined) {
        item.item.media = item.item.media.slice();
        newestChange = Math.max(newestChange, item.changedAt);
        items.push(item.item);
        item = undefined;
      }
    },
  });
  return { ...paging, items, childKeys, newestChange };
}
