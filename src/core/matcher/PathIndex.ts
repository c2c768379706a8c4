import { exactKeyOfFile } from '../paths/exactKey.js';
import { fileNameOf } from '../paths/fileName.js';
import { foldCase, nfc } from '../paths/normalizeText.js';
import type { PlexItem } from '../plexItem.js';
import { ItemStore } from './ItemStore.js';

/** The three keys of docs/matching.md §3, as functions of a Part file. */
export type KeyKind = 'exact' | 'name' | 'folded';

export const keyOfFile: Readonly<Record<KeyKind, (file: string) => string | undefined>> = {
  exact: exactKeyOfFile,
  name: (file) => nonEmpty(nfc(fileNameOf(file))),
  folded: (file) => nonEmpty(foldCase(fileNameOf(file))),
};

function nonEmpty(name: string): string | undefined {
  return name === '' ? undefined : name;
}

/** A key's slot: the row of the one item under it, or the rows of several (or of keys whose hashes collide). */
type Slot = number | number[];

/** A 30-bit FNV-1a hash of a key: a small integer, which V8 keeps in a Map without a string or a box. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < key.length; k += 1) hash = Math.imul(hash ^ key.charCodeAt(k), 0x01000193);
  return hash & 0x3fffffff;
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

/**
 * Every item of a section under the three keys the strategies compare
 * (exact key, file name, folded file name). Each key leads to the distinct
 * items having a Part under it, so every strategy is one hash lookup and
 * uniqueness is judged over the whole section. Items are identified by
 * ratingKey; adding an item again replaces it.
 *
 * Items are kept packed (ItemStore) and the keys as hashes, so a big
 * section costs a third of the memory it would as objects; a lookup
 * decodes the items it finds (fresh objects each time: compare items by
 * ratingKey, not by identity) and checks their keys, so a hash collision
 * never shows.
 */
export class PathIndex {
  readonly #store = new ItemStore();
  /** ratingKey to row, in the order items were added. */
  readonly #rows = new Map<number | string, number>();
  readonly #maps: Readonly<Record<KeyKind, Map<number, Slot>>> = {
    exact: new Map(),
    name: new Map(),
    folded: new Map(),
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

  /** The distinct items with a Part file under `key`. */
  lookup(kind: KeyKind, key: string): readonly PlexItem[] {
    const slot = this.#maps[kind].get(keyHash(key));
    if (slot === undefined) return [];
    const found: PlexItem[] = [];
    for (const row of typeof slot === 'number' ? [slot] : slot) {
      const item = this.#store.get(row) as PlexItem;
      if (hasPartUnder(item, kind, key)) found.push(item);
    }
    return found;
  }

  /** How many distinct items have a Part file under `key`. */
  count(kind: KeyKind, key: string): number {
    const slot = this.#maps[kind].get(keyHash(key));
    if (slot === undefined) return 0;
    if (typeof slot === 'number') return hasPartUnder(this.#store.get(slot) as PlexItem, kind, key) ? 1 : 0;
    return this.lookup(kind, key).length;
  }

  /** Adds items, replacing any with the same ratingKey. */
  upsert(items: Iterable<PlexItem>): void {
    for (const item of items) {
      const id = ratingKeyOf(item.ratingKey);
      if (this.#rows.has(id)) this.remove([item.ratingKey]);
      const row = this.#store.add(item);
      this.#rows.set(id, row);
      forEachKey(item, (kind, key) => {
        const map = this.#maps[kind];
        const hash = keyHash(key);
        const slot = map.get(hash);
        if (slot === undefined) map.set(hash, row);
        else if (typeof slot === 'number') {
          if (slot !== row) map.set(hash, [slot, row]);
        } else if (slot[slot.length - 1] !== row) slot.push(row); // the keys of one item arrive together
      });
    }
  }

  /** Removes items by ratingKey (absent keys are ignored). */
  remove(ratingKeys: Iterable<string>): void {
    for (const ratingKey of ratingKeys) {
      const id = ratingKeyOf(ratingKey);
      const row = this.#rows.get(id);
      if (row === undefined) continue;
      const item = this.#store.get(row) as PlexItem;
      this.#rows.delete(id);
      forEachKey(item, (kind, key) => {
        const map = this.#maps[kind];
        const hash = keyHash(key);
        const slot = map.get(hash);
        if (slot === row) map.delete(hash);
        else if (Array.isArray(slot)) {
          const rest = slot.filter((other) => other !== row);
          if (rest.length !== slot.length) map.set(hash, rest.length === 1 ? (rest[0] as number) : rest);
        }
      });
      this.#store.drop(row);
    }
  }
}

/** Visits the three keys of every Part file of `item` (a key may come twice). */
function forEachKey(item: PlexItem, visit: (kind: KeyKind, key: string) => void): void {
  for (const media of item.media) {
    for (const part of media.parts) {
      const exact = exactKeyOfFile(part.file);
      if (exact !== undefined) visit('exact', exact);
      const name = fileNameOf(part.file);
      if (name === '') continue;
      visit('name', nfc(name));
      visit('folded', foldCase(name));
    }
  }
}

function hasPartUnder(item: PlexItem, kind: KeyKind, key: string): boolean {
  const keyOf = keyOfFile[kind];
  for (const media of item.media) for (const part of media.parts) if (keyOf(part.file) === key) return true;
  return false;
}

/** The Part files of `item` that are under `key` (computed on demand: the index stores items and key hashes only). */
export function filesUnder(item: PlexItem, kind: KeyKind, key: string): string[] {
  const files: string[] = [];
  const keyOf = keyOfFile[kind];
  for (const media of item.media) for (const part of media.parts) if (keyOf(part.file) === key) files.push(part.file);
  return files;
}
