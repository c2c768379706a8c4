import { exactKeyOfFile } from '../paths/exactKey.js';
import type { PlexItem } from '../plexItem.js';
import { type FileKeys, fileKeysOf, KEY_FORM, KEY_SHIFT, type KeyKind, keyHash, keyOfFile } from './fileKeys.js';
import { FILE_HEAD, fileLength, ItemStore } from './ItemStore.js';
import { fileNameStart, sameUtf8 } from './utf8.js';

export { type KeyKind, keyHash, keyOfFile } from './fileKeys.js';

/** A key's Part file as one number: row × PARTS + the part's place in the item (all Media, in order). */
const PARTS = 1024;

/**
 * The distinct items under one key: the ref of its one item, or the refs
 * (two or more, ascending by row, one per item) of several. The first ref
 * names the Part file the key is checked against.
 */
type Group = number | number[];

/** Keys whose hashes collide, each with its group: rare, so a plain list. */
class Collided {
  readonly groups: Group[];
  constructor(groups: Group[]) {
    this.groups = groups;
  }
}

const rowOf = (ref: number) => Math.floor(ref / PARTS);
const firstOf = (group: Group) => (typeof group === 'number' ? group : (group[0] as number));
const sizeOf = (group: Group) => (typeof group === 'number' ? 1 : group.length);

/** `group` with the item of `ref` added (no change when it is already the last one: an item's keys arrive together). */
function joined(group: Group, ref: number): Group {
  if (typeof group === 'number') return rowOf(group) === rowOf(ref) ? group : [group, ref];
  if (rowOf(group[group.length - 1] as number) !== rowOf(ref)) group.push(ref);
  return group;
}

/** `group` without the item in `row`; undefined when nothing is left. */
function without(group: Group, row: number): Group | undefined {
  if (typeof group === 'number') return rowOf(group) === row ? undefined : group;
  const rest = group.filter((ref) => rowOf(ref) !== row);
  return rest.length === 1 ? (rest[0] as number) : rest;
}

/** True when every item of `inner` is in `outer` (both ascending by row). */
function covers(outer: Group, inner: Group): boolean {
  if (sizeOf(outer) < sizeOf(inner)) return false;
  const outs = typeof outer === 'number' ? [outer] : outer;
  const ins = typeof inner === 'number' ? [inner] : inner;
  let o = 0;
  for (const ref of ins) {
    const row = rowOf(ref);
    while (o < outs.length && rowOf(outs[o] as number) < row) o += 1;
    if (o === outs.length || rowOf(outs[o] as number) !== row) return false;
  }
  return true;
}

/** A ratingKey as a Map key: Plex's are decimal integers, kept as numbers; any other string as itself. */
function ratingKeyOf(ratingKey: string): number | string {
  const length = ratingKey.length;
  if (length === 0 || length > 9 || (ratingKey.charCodeAt(0) === 0x30 && length > 1)) return ratingKey;
  let value = 0;
  for (let k = 0; k < length; k += 1) {
    const digit = ratingKey.charCodeAt(k) - 0x30;
    if (digit < 0 || digit > 9) return ratingKey;
    value = value * 10 + digit;
  }
  return value;
}

const KINDS: readonly KeyKind[] = ['exact', 'name', 'folded'];

/**
 * Every item of a section under the three keys the strategies compare
 * (exact key, file name, folded file name). Each key leads to the distinct
 * items having a Part under it, so every strategy is one hash lookup and
 * uniqueness is judged over the whole section. Items are identified by
 * ratingKey; adding an item again replaces it.
 *
 * Items are kept packed (ItemStore) and the keys as 30-bit hashes, each
 * leading to the group of items under one key (or, for hashes that
 * collide, to one group per key). A group is checked against the stored
 * bytes of its first item's Part file, so a hash collision never shows and
 * `count` costs one comparison whatever the number of items under the key.
 * Only what a caller reads is decoded (fresh objects each time: compare
 * items by ratingKey, not by identity).
 */
export class PathIndex {
  readonly #store = new ItemStore();
  /** ratingKey to row, in the order items were added. */
  readonly #rows = new Map<number | string, number>();
  readonly #maps: Readonly<Record<KeyKind, Map<number, Group | Collided>>> = {
    exact: new Map(),
    name: new Map(),
    folded: new Map(),
  };
  /** The keys of the item being added, three per Part file (exact, name, folded). */
  readonly #pending: (string | undefined)[] = [];
  readonly #keys: FileKeys = { exact: undefined, name: undefined, folded: undefined, forms: 0 };
  /** ItemStore asks it the form byte of each Part file; it notes the file's keys on the way. */
  readonly #formOf = (file: string): number => {
    if (this.#pending.length === PARTS * 3) throw new TypeError(`PathIndex: an item has more than ${PARTS} Parts`);
    const keys = fileKeysOf(file, this.#keys);
    this.#pending.push(keys.exact, keys.name, keys.folded);
    return keys.forms;
  };

  static fromItems(items: Iterable<PlexItem>): PathIndex {
    const index = new PathIndex();
    index.upsert(items);
    return index;
  }

  /** Number of distinct items. */
  get size(): number {
    return this.#rows.size;
  }

  *items(): IterableIterator<PlexItem> {
    for (const row of this.#rows.values()) yield this.#store.get(row) as PlexItem;
  }

  get(ratingKey: string): PlexItem | undefined {
    const row = this.#rows.get(ratingKeyOf(ratingKey));
    return row === undefined ? undefined : this.#store.get(row);
  }

  /** The distinct items with a Part file under `key`, in the order they were added; the first `limit` of them. */
  lookup(kind: KeyKind, key: string, limit = Number.POSITIVE_INFINITY): readonly PlexItem[] {
    const group = this.#group(kind, key);
    if (group === undefined || limit < 1) return [];
    if (typeof group === 'number') return [this.#store.get(rowOf(group)) as PlexItem];
    const found: PlexItem[] = [];
    for (let k = 0; k < group.length && k < limit; k += 1) {
      found.push(this.#store.get(rowOf(group[k] as number)) as PlexItem);
    }
    return found;
  }

  /** How many distinct items have a Part file under `key`: one comparison, whatever the count. */
  count(kind: KeyKind, key: string): number {
    const group = this.#group(kind, key);
    return group === undefined ? 0 : sizeOf(group);
  }

  /** The first `limit` items under `key` that have no Part file under `outsideKey` of `outsideKind`. */
  lookupOutside(kind: KeyKind, key: string, outsideKind: KeyKind, outsideKey: string, limit: number): PlexItem[] {
    const group = this.#group(kind, key);
    if (group === undefined) return [];
    const outside = this.#group(outsideKind, outsideKey);
    const found: PlexItem[] = [];
    for (const ref of typeof group === 'number' ? [group] : group) {
      if (found.length >= limit) break;
      if (outside !== undefined && covers(outside, ref)) continue;
      found.push(this.#store.get(rowOf(ref)) as PlexItem);
    }
    return found;
  }

  /** True when two or more items are under `key` and all of them have a Part that is one and the same file. */
  shareOneFile(kind: KeyKind, key: string): boolean {
    const group = this.#group(kind, key);
    if (group === undefined || typeof group === 'number') return false;
    const row = rowOf(firstOf(group));
    const block = this.#store.blockOf(row);
    for (let part = 0; ; part += 1) {
      const head = this.#store.fileAt(row, part);
      if (head < 0) return false;
      const exact = exactKeyOfFile(this.#store.fileText(block, head));
      const files = exact === undefined ? undefined : this.#group('exact', exact);
      if (files !== undefined && covers(files, group)) return true;
    }
  }

  /** The group under `key`, checked against the key itself (a hash collision leads to another group or none). */
  #group(kind: KeyKind, key: string): Group | undefined {
    const entry = this.#maps[kind].get(keyHash(key));
    if (entry === undefined) return undefined;
    if (!(entry instanceof Collided)) return this.#holds(firstOf(entry), kind, key) ? entry : undefined;
    return entry.groups.find((group) => this.#holds(firstOf(group), kind, key));
  }

  /** True when the Part file `ref` names has `key` as its key of `kind`, read from the stored bytes. */
  #holds(ref: number, kind: KeyKind, key: string): boolean {
    const row = rowOf(ref);
    const store = this.#store;
    const block = store.blockOf(row);
    const head = store.fileAt(row, ref - row * PARTS);
    const form = ((block[head] as number) >> KEY_SHIFT[kind]) & 3;
    if (form === KEY_FORM.none) return false;
    if (form === KEY_FORM.computed) return keyOfFile[kind](store.fileText(block, head)) === key;
    const end = head + FILE_HEAD + fileLength(block, head);
    const start = kind === 'exact' ? head + FILE_HEAD : fileNameStart(block, head + FILE_HEAD, end);
    return sameUtf8(block, start, end, key, form === KEY_FORM.lower);
  }

  /**
   * Adds items, replacing any with the same ratingKey. An item refused (see ItemStore.add) is a
   * TypeError thrown before the index changes for it; the items before it in `items` stay added.
   */
  upsert(items: Iterable<PlexItem>): void {
    const pending = this.#pending;
    for (const item of items) {
      const id = ratingKeyOf(item.ratingKey);
      pending.length = 0;
      const row = this.#store.add(item, this.#formOf);
      const old = this.#rows.get(id);
      if (old !== undefined) this.#removeRow(id, old);
      this.#rows.set(id, row);
      for (let k = 0; k < pending.length; k += 1) {
        const key = pending[k];
        if (key !== undefined) this.#addKey(KINDS[k % 3] as KeyKind, key, row * PARTS + Math.floor(k / 3));
      }
    }
  }

  #addKey(kind: KeyKind, key: string, ref: number): void {
    const map = this.#maps[kind];
    const hash = keyHash(key);
    const entry = map.get(hash);
    if (entry === undefined) map.set(hash, ref);
    else if (entry instanceof Collided) {
      const at = entry.groups.findIndex((group) => this.#holds(firstOf(group), kind, key));
      if (at < 0) entry.groups.push(ref);
      else entry.groups[at] = joined(entry.groups[at] as Group, ref);
    } else if (this.#holds(firstOf(entry), kind, key)) {
      const group = joined(entry, ref);
      if (group !== entry) map.set(hash, group);
    } else map.set(hash, new Collided([entry, ref]));
  }

  /** Removes items by ratingKey (absent keys are ignored). */
  remove(ratingKeys: Iterable<string>): void {
    for (const ratingKey of ratingKeys) {
      const id = ratingKeyOf(ratingKey);
      const row = this.#rows.get(id);
      if (row !== undefined) this.#removeRow(id, row);
    }
  }

  #removeRow(id: number | string, row: number): void {
    this.#rows.delete(id);
    const store = this.#store;
    const block = store.blockOf(row);
    for (let part = 0; ; part += 1) {
      const head = store.fileAt(row, part);
      if (head < 0) break;
      const keys = fileKeysOf(store.fileText(block, head), this.#keys);
      if (keys.exact !== undefined) this.#removeKey('exact', keys.exact, row);
      if (keys.name !== undefined) this.#removeKey('name', keys.name, row);
      if (keys.folded !== undefined) this.#removeKey('folded', keys.folded, row);
    }
    store.drop(row);
  }

  #removeKey(kind: KeyKind, key: string, row: number): void {
    const map = this.#maps[kind];
    const hash = keyHash(key);
    const entry = map.get(hash);
    if (entry === undefined) return;
    if (entry instanceof Collided) {
      const at = entry.groups.findIndex((group) => this.#holds(firstOf(group), kind, key));
      if (at < 0) return;
      const rest = without(entry.groups[at] as Group, row);
      if (rest === undefined) entry.groups.splice(at, 1);
      else entry.groups[at] = rest;
      if (entry.groups.length === 1) map.set(hash, entry.groups[0] as Group);
      return;
    }
    if (!this.#holds(firstOf(entry), kind, key)) return;
    const rest = without(entry, row);
    if (rest === undefined) map.delete(hash);
    else if (rest !== entry) map.set(hash, rest);
  }
}

/** The Part files of `item` that are under `key` (computed on demand: the index stores items and key hashes only). */
export function filesUnder(item: PlexItem, kind: KeyKind, key: string): string[] {
  const files: string[] = [];
  const keyOf = keyOfFile[kind];
  for (const media of item.media) for (const part of media.parts) if (keyOf(part.file) === key) files.push(part.file);
  return files;
}
