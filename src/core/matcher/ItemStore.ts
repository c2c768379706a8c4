import type { PlexItem } from '../plexItem.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Items are written into blocks of this size; an item larger than a block gets a block of its own. */
const BLOCK_BYTES = 1 << 20;
/** An item longer than this (in UTF-16 units: up to 3 bytes each) is stored in a block of its own. */
const BIG_ITEM_UNITS = BLOCK_BYTES / 8;
/** Per row: block, offset, length in bytes (-1 once dropped). */
const ROW_FIELDS = 3;

const ITEM_NUMBERS = ['year', 'parentIndex', 'index', 'addedAt', 'updatedAt'] as const;
const ITEM_TEXTS = [
  'key',
  'type',
  'title',
  'guid',
  'librarySectionID',
  'grandparentTitle',
  'parentTitle',
  'parentRatingKey',
  'grandparentRatingKey',
] as const;

type Plain = Record<string, unknown>;

/** Sets `target[name]` to `source[name]` when defined (read by name, so a getter counts). */
function copy(target: Plain, source: object, names: readonly string[], finite: boolean, who: string): void {
  for (const name of names) {
    const value = (source as Plain)[name];
    if (value === undefined) continue;
    if (finite && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new TypeError(`${who}: ${name} is ${String(value)}, expected a finite number`);
    }
    target[name] = value;
  }
}

/** The JSON of an item as the store keeps it (see ItemStore.add). */
function jsonOf(item: PlexItem): string {
  const who = `PathIndex: item ratingKey=${JSON.stringify(String(item.ratingKey))}`;
  const plain: Plain = { ...item, ratingKey: item.ratingKey };
  copy(plain, item, ITEM_TEXTS, false, who);
  copy(plain, item, ITEM_NUMBERS, true, who);
  plain.media = Array.from(item.media, (media) => {
    const version: Plain = { ...media };
    copy(version, media, ['id', 'container', 'videoResolution', 'proxyType'], false, who);
    version.parts = Array.from(media.parts, (part) => {
      const file: Plain = { ...part, file: part.file };
      copy(file, part, ['id', 'key', 'container'], false, who);
      copy(file, part, ['size'], true, who);
      return file;
    });
    return version;
  });
  try {
    return JSON.stringify(plain);
  } catch (error) {
    throw new TypeError(`${who} cannot be stored: ${(error as Error).message}`);
  }
}

/**
 * Items kept as UTF-8 JSON in large byte blocks instead of as objects,
 * each under a row number that never changes. A 100k-item section is some
 * 30 MB here against about 90 MB as objects, and, more to the point, it is
 * not a hundred thousand small objects that the JavaScript engine copies
 * from its young generation to its old one while a scan builds them: that
 * copying is what made V8 grow its young generation to 128 MB (docs/client.md,
 * "What an index keeps"). `get` decodes a fresh object on every call.
 */
export class ItemStore {
  #blocks: Uint8Array[] = [];
  /** The block being filled, and the bytes used in it. */
  #current = -1;
  #used = 0;
  #rows = new Int32Array(ROW_FIELDS * 1024);
  #count = 0;
  #liveBytes = 0;
  #deadBytes = 0;

  /**
   * Stores a copy of `item` and returns its row: the item model's fields read by name (a getter
   * counts), any other own field as JSON keeps it. A model number that is not finite, or a value
   * JSON cannot hold, is a TypeError naming the item.
   */
  add(item: PlexItem): number {
    const json = jsonOf(item);
    let block = this.#blocks[this.#current];
    let written: number;
    if (json.length > BIG_ITEM_UNITS) {
      // A big item gets a block of its own, exactly its size; the block being filled stays current.
      block = encoder.encode(json);
      this.#blocks.push(block);
      written = block.length;
      const row = this.#count;
      this.#place(row, this.#blocks.length - 1, 0, written);
      return this.#added(row, written);
    }
    let done = block === undefined ? undefined : encoder.encodeInto(json, block.subarray(this.#used));
    if (block === undefined || done === undefined || done.read < json.length) {
      // Does not fit (what was written is left unused): a new block.
      block = this.#startBlock();
      done = encoder.encodeInto(json, block);
    }
    written = done.written;
    const row = this.#count;
    this.#place(row, this.#current, this.#used, written);
    this.#used += written;
    return this.#added(row, written);
  }

  /** A new empty block, now the one being filled. */
  #startBlock(): Uint8Array {
    const block = new Uint8Array(BLOCK_BYTES);
    this.#blocks.push(block);
    this.#current = this.#blocks.length - 1;
    this.#used = 0;
    return block;
  }

  #added(row: number, bytes: number): number {
    this.#count += 1;
    this.#liveBytes += bytes;
    return row;
  }

  #place(row: number, block: number, offset: number, length: number): void {
    const at = row * ROW_FIELDS;
    if (at + ROW_FIELDS > this.#rows.length) {
      const grown = new Int32Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    this.#rows[at] = block;
    this.#rows[at + 1] = offset;
    this.#rows[at + 2] = length;
  }

  /** The item in `row`, as a new object; undefined for a row dropped or never added. */
  get(row: number): PlexItem | undefined {
    if (row < 0 || row >= this.#count) return undefined;
    const at = row * ROW_FIELDS;
    const length = this.#rows[at + 2] as number;
    if (length < 0) return undefined;
    const block = this.#blocks[this.#rows[at] as number] as Uint8Array;
    const offset = this.#rows[at + 1] as number;
    return JSON.parse(decoder.decode(block.subarray(offset, offset + length))) as PlexItem;
  }

  /** Forgets `row`; its bytes are reclaimed once dropped rows outweigh live ones. */
  drop(row: number): void {
    if (row < 0 || row >= this.#count) return;
    const at = row * ROW_FIELDS;
    const length = this.#rows[at + 2] as number;
    if (length < 0) return;
    this.#rows[at + 2] = -1;
    this.#liveBytes -= length;
    this.#deadBytes += length;
    if (this.#deadBytes > BLOCK_BYTES && this.#deadBytes > this.#liveBytes) this.#compact();
  }

  /** Copies the live rows into new blocks, keeping every row number. */
  #compact(): void {
    const old = this.#blocks;
    this.#blocks = [];
    this.#used = 0;
    this.#current = -1;
    for (let row = 0; row < this.#count; row += 1) {
      const at = row * ROW_FIELDS;
      const length = this.#rows[at + 2] as number;
      if (length < 0) continue;
      const offset = this.#rows[at + 1] as number;
      const bytes = (old[this.#rows[at] as number] as Uint8Array).subarray(offset, offset + length);
      if (length > BLOCK_BYTES / 4) {
        this.#blocks.push(bytes.slice());
        this.#rows[at] = this.#blocks.length - 1;
        this.#rows[at + 1] = 0;
        continue;
      }
      let block = this.#blocks[this.#current];
      if (block === undefined || block.length - this.#used < length) {
        block = this.#startBlock();
      }
      block.set(bytes, this.#used);
      this.#rows[at] = this.#current;
      this.#rows[at + 1] = this.#used;
      this.#used += length;
    }
    this.#deadBytes = 0;
  }

  /** Bytes held by live items (for measurements and tests). */
  get liveBytes(): number {
    return this.#liveBytes;
  }

  /** Bytes of the blocks held, live, dropped and unused (for measurements and tests). */
  get heldBytes(): number {
    return this.#blocks.reduce((sum, block) => sum + block.length, 0);
  }
}
