import type { PlexItem } from '../plexItem.js';
import { type FileKeys, fileKeysOf, STORED_AS_JSON } from './fileKeys.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Items are written into blocks of this size; an item larger than a block gets a block of its own. */
const BLOCK_BYTES = 1 << 20;
/** An item longer than this (in UTF-16 units: up to 3 bytes each) is stored in a block of its own. */
const BIG_ITEM_UNITS = BLOCK_BYTES / 8;
/** Per row: block, offset, length in bytes (-1 once dropped), where its JSON starts (from the offset). */
const ROW_FIELDS = 4;
/** Before each stored file: its form byte (fileKeys.ts) and its length in 3 bytes. */
export const FILE_HEAD = 4;
const MAX_FILE_BYTES = 0xffffff;

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

/** Who an error names: the item by its ratingKey. */
const whoIs = (item: PlexItem) => `PathIndex: item ratingKey=${JSON.stringify(String(item.ratingKey))}`;

/** Sets `target[name]` to `source[name]` when defined (read by name, so a getter counts). */
function copy(target: Plain, source: object, names: readonly string[], finite: boolean, item: PlexItem): void {
  for (const name of names) {
    const value = (source as Plain)[name];
    if (value === undefined) continue;
    if (finite && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new TypeError(`${whoIs(item)}: ${name} is ${String(value)}, expected a finite number`);
    }
    target[name] = value;
  }
}

/** A copy of an object's own fields as data, without a toJSON of its own: the model is stored, not what toJSON says. */
function ownFields(source: object): Plain {
  const plain: Plain = { ...source };
  if (Object.hasOwn(plain, 'toJSON')) delete plain.toJSON;
  return plain;
}

/** A Part file as the store takes it: a string no longer than a path can be. */
function checkedFile(item: PlexItem, path: unknown): string {
  if (typeof path !== 'string')
    throw new TypeError(`${whoIs(item)}: a Part's file is ${typeof path}, expected a string`);
  if (path.length * 3 > MAX_FILE_BYTES)
    throw new TypeError(`${whoIs(item)}: a Part's file is longer than a path can be`);
  return path;
}

/**
 * The JSON of an item as the store keeps it (see ItemStore.add), each Part
 * file replaced by 0 and pushed onto `files` (they are stored beside it).
 */
function jsonOf(item: PlexItem, files: string[]): string {
  const plain = ownFields(item);
  plain.ratingKey = item.ratingKey;
  copy(plain, item, ITEM_TEXTS, false, item);
  copy(plain, item, ITEM_NUMBERS, true, item);
  plain.media = Array.from(item.media, (media) => {
    const version = ownFields(media);
    copy(version, media, MEDIA_TEXTS, false, item);
    version.parts = Array.from(media.parts, (part) => {
      const file = ownFields(part);
      files.push(checkedFile(item, part.file));
      file.file = 0;
      copy(file, part, PART_TEXTS, false, item);
      copy(file, part, PART_NUMBERS, true, item);
      return file;
    });
    return version;
  });
  try {
    return JSON.stringify(plain);
  } catch (error) {
    throw new TypeError(`${whoIs(item)} cannot be stored: ${(error as Error).message}`);
  }
}

const MEDIA_TEXTS = ['id', 'container', 'videoResolution', 'proxyType'] as const;
const PART_TEXTS = ['id', 'key', 'container'] as const;
const PART_NUMBERS = ['size'] as const;

/**
 * Items kept as UTF-8 in large byte blocks instead of as objects, each
 * under a row number that never changes: first its Part files, each as its
 * own UTF-8 behind a form byte (fileKeys.ts) and its length, so the index
 * checks a key against them in place; then the rest of the item as JSON.
 * A 100k-item section is some 30 MB here against about 90 MB as objects,
 * and, more to the point, it is not a hundred thousand small objects that
 * the JavaScript engine copies from its young generation to its old one
 * while a scan builds them: that copying is what made V8 grow its young
 * generation to 128 MB (docs/client.md, "What an index keeps"). `get`
 * decodes a fresh object on every call.
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
  readonly #files: string[] = [];
  /** Where #write put the JSON of the record it wrote. */
  #jsonAt = 0;

  /**
   * Stores a copy of `item` and returns its row: the item model's fields read by name (a getter
   * counts), any other own field as JSON keeps it, no toJSON of its own. `formOf` gives the form
   * byte of each Part file, in order. A model number that is not finite, a Part file that is not a
   * string, or a value JSON cannot hold, is a TypeError naming the item, thrown before anything is
   * stored.
   */
  add(item: PlexItem, formOf: (file: string) => number = formOfFile): number {
    const files = this.#files;
    files.length = 0;
    const json = jsonOf(item, files);
    const forms = files.map(formOf);
    const texts = files.map((file, k) => ((forms[k] as number) & STORED_AS_JSON ? JSON.stringify(file) : file));
    let units = json.length;
    for (const text of texts) units += text.length + FILE_HEAD;
    const row = this.#count;
    if (units > BIG_ITEM_UNITS) {
      // A big item gets a block of its own, exactly its size; the block being filled stays current.
      const scratch = new Uint8Array(units * 3);
      const end = this.#write(scratch, 0, texts, forms, json);
      const block = scratch.slice(0, end);
      this.#blocks.push(block);
      this.#place(row, this.#blocks.length - 1, 0, end, this.#jsonAt);
      return this.#added(row, end);
    }
    let block = this.#blocks[this.#current];
    let end = block === undefined ? -1 : this.#write(block, this.#used, texts, forms, json);
    if (end < 0) {
      // Does not fit (what was written is left unused): a new block.
      block = this.#startBlock();
      end = this.#write(block, 0, texts, forms, json);
    }
    this.#place(row, this.#current, this.#used, end - this.#used, this.#jsonAt - this.#used);
    this.#used = end;
    return this.#added(row, this.#rows[row * ROW_FIELDS + 2] as number);
  }

  /** Writes a record at `at` in `block` and returns where it ends, or -1 when it does not fit; sets #jsonAt. */
  #write(block: Uint8Array, at: number, texts: string[], forms: number[], json: string): number {
    let end = at;
    for (let k = 0; k < texts.length; k += 1) {
      const text = texts[k] as string;
      const head = end;
      if (head + FILE_HEAD > block.length) return -1;
      const done = encoder.encodeInto(text, block.subarray(head + FILE_HEAD));
      if (done.read < text.length) return -1;
      block[head] = forms[k] as number;
      block[head + 1] = done.written >> 16;
      block[head + 2] = (done.written >> 8) & 0xff;
      block[head + 3] = done.written & 0xff;
      end = head + FILE_HEAD + done.written;
    }
    this.#jsonAt = end;
    const done = encoder.encodeInto(json, block.subarray(end));
    return done.read < json.length ? -1 : end + done.written;
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

  #place(row: number, block: number, offset: number, length: number, jsonAt: number): void {
    const at = row * ROW_FIELDS;
    if (at + ROW_FIELDS > this.#rows.length) {
      const grown = new Int32Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    this.#rows[at] = block;
    this.#rows[at + 1] = offset;
    this.#rows[at + 2] = length;
    this.#rows[at + 3] = jsonAt;
  }

  /** The block holding `row` (a live row: the index asks only for rows it holds). */
  blockOf(row: number): Uint8Array {
    return this.#blocks[this.#rows[row * ROW_FIELDS] as number] as Uint8Array;
  }

  /**
   * Where the head of Part file `part` (counted over all Media, in order) of live `row` is in
   * blockOf(row): its form byte, then 3 bytes of length, then the bytes. -1 past the last part.
   */
  fileAt(row: number, part: number): number {
    const at = row * ROW_FIELDS;
    const block = this.blockOf(row);
    const offset = this.#rows[at + 1] as number;
    const json = offset + (this.#rows[at + 3] as number);
    let head = offset;
    for (let k = 0; k < part && head < json; k += 1) head += FILE_HEAD + fileLength(block, head);
    return head < json ? head : -1;
  }

  /** The text of the file whose head is at `head` in `block`. */
  fileText(block: Uint8Array, head: number): string {
    const text = decoder.decode(block.subarray(head + FILE_HEAD, head + FILE_HEAD + fileLength(block, head)));
    return (block[head] as number) & STORED_AS_JSON ? (JSON.parse(text) as string) : text;
  }

  /** The item in `row`, as a new object; undefined for a row dropped or never added. */
  get(row: number): PlexItem | undefined {
    if (row < 0 || row >= this.#count) return undefined;
    const at = row * ROW_FIELDS;
    const length = this.#rows[at + 2] as number;
    if (length < 0) return undefined;
    const block = this.blockOf(row);
    const offset = this.#rows[at + 1] as number;
    const json = offset + (this.#rows[at + 3] as number);
    const item = JSON.parse(decoder.decode(block.subarray(json, offset + length))) as PlexItem;
    let head = offset;
    for (const media of item.media) {
      for (const part of media.parts) {
        (part as { file: string }).file = this.fileText(block, head);
        head += FILE_HEAD + fileLength(block, head);
      }
    }
    return item;
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

const scratchKeys: FileKeys = { exact: undefined, name: undefined, folded: undefined, forms: 0 };
/** The form byte of a Part file, for a store used without an index. */
const formOfFile = (file: string): number => fileKeysOf(file, scratchKeys).forms;

/** The byte length of the file whose head is at `head`. */
export function fileLength(block: Uint8Array, head: number): number {
  return ((block[head + 1] as number) << 16) | ((block[head + 2] as number) << 8) | (block[head + 3] as number);
}
