import type { PlexItem } from '../plexItem.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Items are written into blocks of this size; an item larger than a block gets a block of its own. */
const BLOCK_BYTES = 1 << 20;
/** Per row: block, offset, length in bytes (-1 once dropped). */
const ROW_FIELDS = 3;

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
  /** Bytes used in the last block. */
  #used = 0;
  #rows = new Int32Array(ROW_FIELDS * 1024);
  #count = 0;
  #liveBytes = 0;
  #deadBytes = 0;

  /** Stores a copy of `item` (its JSON: fields that are undefined are left out) and returns its row. */
  add(item: PlexItem): number {
    const json = JSON.stringify(item);
    let block = this.#blocks[this.#blocks.length - 1];
    let done = block === undefined ? undefined : encoder.encodeInto(json, block.subarray(this.#used));
    if (block === undefined || done === undefined || done.read < json.length) {
      // Does not fit (what was written is left unused): a new block, large enough for the worst case.
      block = new Uint8Array(Math.max(BLOCK_BYTES, json.length * 3)); // UTF-8: at most 3 bytes per UTF-16 unit
      this.#blocks.push(block);
      this.#used = 0;
      done = encoder.encodeInto(json, block);
    }
    const row = this.#count;
    this.#place(row, this.#blocks.length - 1, this.#used, done.written);
    this.#used += done.written;
    this.#count += 1;
    this.#liveBytes += done.written;
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
    for (let row = 0; row < this.#count; row += 1) {
      const at = row * ROW_FIELDS;
      const length = this.#rows[at + 2] as number;
      if (length < 0) continue;
      let block = this.#blocks[this.#blocks.length - 1];
      if (block === undefined || block.length - this.#used < length) {
        block = new Uint8Array(Math.max(BLOCK_BYTES, length));
        this.#blocks.push(block);
        this.#used = 0;
      }
      const offset = this.#rows[at + 1] as number;
      block.set((old[this.#rows[at] as number] as Uint8Array).subarray(offset, offset + length), this.#used);
      this.#rows[at] = this.#blocks.length - 1;
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
