import { exactKeyOfFile } from '../paths/exactKey.js';
import { fileNameOf } from '../paths/fileName.js';
import { foldCase, nfc } from '../paths/normalizeText.js';
import type { PlexItem } from '../plexItem.js';

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

/** Most keys lead to one item, stored as is; shared keys to an array of distinct items. */
type Slot = PlexItem | PlexItem[];

/**
 * Every item of a section under the three keys the strategies compare
 * (exact key, file name, folded file name). Each key leads to the distinct
 * items having a Part under it, so every strategy is one hash lookup and
 * uniqueness is judged over the whole section. Items are identified by
 * ratingKey; adding an item again replaces it.
 */
export class PathIndex {
  readonly #items = new Map<string, PlexItem>();
  readonly #maps: Readonly<Record<KeyKind, Map<string, Slot>>> = {
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
    return this.#items.size;
  }

  items(): IterableIterator<PlexItem> {
    return this.#items.values();
  }

  get(ratingKey: string): PlexItem | undefined {
    return this.#items.get(ratingKey);
  }

  /** The distinct items with a Part file under `key`. */
  lookup(kind: KeyKind, key: string): readonly PlexItem[] {
    const slot = this.#maps[kind].get(key);
    return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
  }

  /** How many distinct items have a Part file under `key`, without building a list. */
  count(kind: KeyKind, key: string): number {
    const slot = this.#maps[kind].get(key);
    return slot === undefined ? 0 : Array.isArray(slot) ? slot.length : 1;
  }

  /** Adds items, replacing any with the same ratingKey. */
  upsert(items: Iterable<PlexItem>): void {
    for (const item of items) {
      if (this.#items.has(item.ratingKey)) this.remove([item.ratingKey]);
      this.#items.set(item.ratingKey, item);
      this.#forEachKey(item, (map, key) => {
        const slot = map.get(key);
        if (slot === undefined) map.set(key, item);
        else if (!Array.isArray(slot)) {
          if (slot !== item) map.set(key, [slot, item]);
        } else if (slot[slot.length - 1] !== item) slot.push(item); // parts of one item arrive together
      });
    }
  }

  /** Removes items by ratingKey (absent keys are ignored). */
  remove(ratingKeys: Iterable<string>): void {
    for (const ratingKey of ratingKeys) {
      const item = this.#items.get(ratingKey);
      if (item === undefined) continue;
      this.#items.delete(ratingKey);
      this.#forEachKey(item, (map, key) => {
        const slot = map.get(key);
        if (slot === item) map.delete(key);
        else if (Array.isArray(slot)) {
          const rest = slot.filter((other) => other !== item);
          map.set(key, rest.length === 1 ? (rest[0] as PlexItem) : rest);
        }
      });
    }
  }

  #forEachKey(item: PlexItem, visit: (map: Map<string, Slot>, key: string) => void): void {
    for (const media of item.media) {
      for (const part of media.parts) {
        const exact = exactKeyOfFile(part.file);
        if (exact !== undefined) visit(this.#maps.exact, exact);
        const name = fileNameOf(part.file);
        if (name === '') continue;
        visit(this.#maps.name, nfc(name));
        visit(this.#maps.folded, foldCase(name));
      }
    }
  }
}

/** The Part files of `item` that are under `key` (computed on demand: the index stores items only). */
export function filesUnder(item: PlexItem, kind: KeyKind, key: string): string[] {
  const files: string[] = [];
  const keyOf = keyOfFile[kind];
  for (const media of item.media) for (const part of media.parts) if (keyOf(part.file) === key) files.push(part.file);
  return files;
}
