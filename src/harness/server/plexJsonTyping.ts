import { ATTRIBUTE_TYPES, type PlexJsonType } from './plexJsonTypes.js';

/**
 * Where Plex types an attribute of one element otherwise than ATTRIBUTE_TYPES says, or types an
 * attribute the spec does not list: `Element.attribute` → type ('string': a string). Sources in
 * docs/fixtures.md, "JSON answers".
 */
const ELEMENT_TYPES: ReadonlyMap<string, PlexJsonType | 'string'> = new Map<string, PlexJsonType | 'string'>([
  ['Guid.id', 'string'], // `imdb://tt…`: the spec's Guid schema
  ['Pivot.id', 'string'],
  ['Sort.default', 'string'], // `asc`/`desc`: the spec's Sort schema
  ['MediaContainer.content', 'string'], // `secondary`: the spec's MediaContainer of /library
  ['Media.optimizedForStreaming', 'integer'], // 0/1 as a number: plex-api-spec pull request 116, from a server's answer
  ['Media.proxyType', 'integer'], // not in the spec; python-plexapi reads it as an int
  ['MediaContainer.nocache', 'boolean'], // not in the spec's schemas; plexjs's recorded listing has `nocache: true`
]);

/** Tags whose elements Plex's JSON lists under `Metadata`: the metadata items (a Directory is one when it has a ratingKey). */
const METADATA_TAGS: ReadonlySet<string> = new Set(['Video', 'Track', 'Photo', 'Playlist']);

/** Children Plex's JSON gives as one object, not an array: the filter metadata of `includeMeta=1`. */
export const SINGLE_CHILDREN: ReadonlySet<string> = new Set(['Meta']);

/** The key an element goes under in its parent's JSON object. */
export function jsonKey(tag: string, attributes: Readonly<Record<string, string>>): string {
  if (METADATA_TAGS.has(tag) || (tag === 'Directory' && attributes.ratingKey !== undefined)) return 'Metadata';
  return tag;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['1', true],
  ['0', false],
  ['true', true],
  ['false', false],
]);

/**
 * An attribute's value as Plex's JSON has it: a number or boolean where Plex types the attribute
 * so, a string otherwise. A value that does not read as its type (`rating=""`, `hidden="2"` typed
 * boolean, an integer beyond 2^53) stays the string it was, so no answer loses what its XML said.
 */
export function jsonValue(tag: string, name: string, value: string): string | number | boolean {
  const type = ELEMENT_TYPES.get(`${tag}.${name}`) ?? ATTRIBUTE_TYPES.get(name);
  if (type === 'integer' || type === 'number') {
    if (!NUMBER.test(value)) return value;
    const number = Number(value);
    // An id beyond 2^53 would come out as another number: it stays text.
    if (!Number.isFinite(number) || (Number.isInteger(number) && !Number.isSafeInteger(number))) return value;
    return number;
  }
  if (type === 'boolean') return BOOLEANS.get(value) ?? value;
  return value;
}
