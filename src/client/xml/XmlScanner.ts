import { continuesAsciiName, isSpaceByte, isXmlChar, isXmlName, startsAsciiName } from './xmlChars.js';
import { readDeclaration } from './xmlDeclaration.js';

/** A document that is not well-formed XML: what is wrong, and at which byte of the document. */
export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
  /** The byte offset in the document where the problem is. */
  readonly at: number;
  /** The document declares a DOCTYPE (Plex never sends one; it is how entity bombs get in). */
  readonly doctype: boolean;
  constructor(message: string, at: number, doctype = false) {
    super(message);
    this.at = at;
    this.doctype = doctype;
  }
}

/**
 * The attributes of the start tag being reported, valid only during the
 * `open` call: values are decoded when asked for, so an attribute nobody
 * asks for costs no string.
 */
export interface XmlAttributes {
  /** The value of the attribute named `name` (an ASCII name), or undefined. */
  get(name: string): string | undefined;
  /** Every attribute, by name (a prototype-free record). */
  all(): Record<string, string>;
  /** Every attribute in document order, with the byte range of its value between the quotes (for rewriting in place). */
  spans(): AttributeSpan[];
  /** The byte offset of the tag's "<". */
  readonly tagStart: number;
}

/** One attribute of a start tag: its name, decoded value, and where its raw value lies in the document. */
export interface AttributeSpan {
  readonly name: string;
  readonly value: string;
  /** Byte offsets of the raw value, quotes excluded. */
  readonly start: number;
  readonly end: number;
}

/**
 * What a reader does with the elements of a document, in document order.
 * Attribute values arrive as XML defines them: entities and character
 * references decoded once, nothing trimmed or normalized beyond XML's own
 * attribute-value rule; each is a fresh string, not a view into the body.
 */
export interface XmlHandlers {
  /**
   * A start tag (or an empty-element tag) at `depth` (0 is the root). `attributes` is valid during
   * this call only: take what is needed from it here.
   */
  open(name: string, attributes: XmlAttributes, depth: number): void;
  /**
   * The end of the element opened at `depth` (also called for an empty-element tag); `end` is the
   * byte offset just past its last ">".
   */
  close(name: string, depth: number, end: number): void;
  /**
   * Character data inside the root, decoded: a run of text (`cdata` false) or a CDATA section
   * (`cdata` true; `start`/`end` include its markers). Only readers that rewrite need it.
   */
  text?(value: string, start: number, end: number, cdata: boolean): void;
  /** A comment or processing instruction (not the XML declaration), by byte range. */
  markup?(start: number, end: number): void;
}

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const BRACKET_CLOSE = 0x5d;
/** First byte of the UTF-8 forms of U+FFFE and U+FFFF (EF BF BE, EF BF BF), which XML does not allow. */
const EF = 0xef;

/** The five entities XML predefines; a document without a DTD can use no other. */
const ENTITIES: ReadonlyMap<string, number> = new Map([
  ['lt', 0x3c],
  ['gt', 0x3e],
  ['amp', 0x26],
  ['apos', 0x27],
  ['quot', 0x22],
]);

/** How much of a name an error message shows. */
const SHOWN_CHARS = 40;

function shorten(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/** Beyond this many attributes in one tag, duplicates are looked for in a set. */
const MANY_ATTRIBUTES = 32;

/** Per attribute: name start, name end, value start, value end, 1 when the value needs decoding. */
const ATTRIBUTE_FIELDS = 5;

/**
 * A strict, allocation-lean XML 1.0 well-formedness scanner over UTF-8
 * bytes (already checked to be UTF-8, by utf8Start). It reports start and end tags and
 * checks everything else (names, quoting, references, characters,
 * comments, CDATA, processing instructions, nesting, one root) without
 * building strings for it: element names come from a small cache, and an
 * attribute value becomes a string only when a handler asks for it. A
 * DOCTYPE is refused. Attribute values are normalized as XML 1.0 §3.3.3
 * says for attributes without a declaration: references decoded once, a
 * literal tab, line feed or carriage return (CR LF as one) becomes a space.
 */
export class XmlScanner implements XmlAttributes {
  #bytes: Buffer = Buffer.alloc(0);
  #attributes = new Int32Array(ATTRIBUTE_FIELDS * 32);
  #count = 0;
  /** The names of the tag's attributes, once it has more than MANY_ATTRIBUTES. */
  #seen: Set<string> | undefined;
  /** The code point of the last reference read. */
  #code = 0;
  /** Where the tag being reported to `open` begins. */
  #tagStart = 0;
  /** Element and attribute names seen, by a hash of their bytes: the same few names repeat on every item. */
  readonly #names = new Map<number, string>();

  /** Scans `bytes` from `start` (past a byte order mark) to the end, reporting elements to `events`. */
  scan(bytes: Buffer, start: number, events: XmlHandlers): void {
    this.#bytes = bytes;
    try {
      this.#document(start, events);
    } finally {
      this.#bytes = Buffer.alloc(0);
    }
  }

  #document(start: number, events: XmlHandlers): void {
    const bytes = this.#bytes;
    const end = bytes.length;
    let pos = start;
    const declaration = readDeclaration(bytes, pos);
    if (typeof declaration === 'string') throw new XmlSyntaxError(declaration, pos);
    if (declaration !== undefined) pos = declaration.end;
    /** Byte ranges of the names of the open elements, for matching end tags. */
    const open: number[] = [];
    const names: string[] = [];
    let rootDone = false;
    for (;;) {
      const lt = bytes.indexOf(LT, pos);
      const textEnd = lt < 0 ? end : lt;
      if (textEnd > pos) {
        if (names.length > 0) {
          this.#text(pos, textEnd);
          if (events.text !== undefined) events.text(this.#decoded(pos, textEnd), pos, textEnd, false);
        } else this.#outside(pos, textEnd);
      }
      if (lt < 0) break;
      pos = lt + 1;
      const next = this.#byte(pos, lt);
      if (next === SLASH) {
        const nameEnd = this.#name(pos + 1);
        const closeAt = this.#skipSpace(nameEnd);
        if (this.#byte(closeAt, lt) !== GT) throw new XmlSyntaxError('expected ">" to end the end tag', closeAt);
        const depth = names.length - 1;
        if (depth < 0) throw new XmlSyntaxError('an end tag without a start tag', lt);
        if (!this.#sameBytes(open[2 * depth] as number, open[2 * depth + 1] as number, pos + 1, nameEnd)) {
          throw new XmlSyntaxError(
            `the end tag </${this.#shown(pos + 1, nameEnd)}> does not close <${shorten(names[depth] as string)}>`,
            lt,
          );
        }
        open.length -= 2;
        const name = names.pop() as string;
        events.close(name, depth, closeAt + 1);
        if (depth === 0) rootDone = true;
        pos = closeAt + 1;
      } else if (next === BANG) {
        if (this.#startsWith(pos + 1, '--')) {
          pos = this.#comment(pos + 3);
          events.markup?.(lt, pos);
        } else if (this.#startsWith(pos + 1, '[CDATA[')) {
          if (names.length === 0) throw new XmlSyntaxError('a CDATA section outside the root element', lt);
          pos = this.#cdata(pos + 8);
          events.text?.(bytes.toString('utf8', lt + 9, pos - 3), lt, pos, true);
        } else if (this.#startsWith(pos + 1, 'DOCTYPE')) {
          throw new XmlSyntaxError('a DOCTYPE', lt, true);
        } else throw new XmlSyntaxError('"<!" that starts no comment or CDATA section', lt);
      } else if (next === QUESTION) {
        pos = this.#instruction(pos + 1);
        events.markup?.(lt, pos);
      } else {
        if (rootDone) throw new XmlSyntaxError('a second root element', lt);
        const nameEnd = this.#name(pos);
        const [after, empty] = this.#tagAttributes(nameEnd, lt);
        const name = this.#nameString(pos, nameEnd);
        const depth = names.length;
        this.#tagStart = lt;
        events.open(name, this, depth);
        if (empty) {
          events.close(name, depth, after);
          if (depth === 0) rootDone = true;
        } else {
          open.push(pos, nameEnd);
          names.push(name);
        }
        pos = after;
      }
    }
    if (names.length > 0) {
      throw new XmlSyntaxError(`the document ends before <${names[names.length - 1]}> is closed`, end);
    }
    if (!rootDone) throw new XmlSyntaxError('no root element', end);
  }

  /** The byte at `at`, or an error saying the document ended inside the construct begun at `begun`. */
  #byte(at: number, begun: number): number {
    const byte = this.#bytes[at];
    if (byte === undefined) throw new XmlSyntaxError('the document ends inside a tag', begun);
    return byte;
  }

  /** The text between two offsets, for a message: a hostile document's names can be megabytes long. */
  #shown(start: number, end: number): string {
    return shorten(this.#bytes.toString('utf8', start, Math.min(end, start + 4 * SHOWN_CHARS)));
  }

  #startsWith(at: number, ascii: string): boolean {
    const bytes = this.#bytes;
    if (at + ascii.length > bytes.length) return false;
    for (let k = 0; k < ascii.length; k += 1) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
    return true;
  }

  #skipSpace(at: number): number {
    const bytes = this.#bytes;
    let pos = at;
    while (pos < bytes.length && isSpaceByte(bytes[pos] as number)) pos += 1;
    return pos;
  }

  #sameBytes(start: number, end: number, otherStart: number, otherEnd: number): boolean {
    if (end - start !== otherEnd - otherStart) return false;
    const bytes = this.#bytes;
    for (let k = 0; k < end - start; k += 1) if (bytes[start + k] !== bytes[otherStart + k]) return false;
    return true;
  }

  /** The end of the Name starting at `at`; an error when there is none. */
  #name(at: number): number {
    const bytes = this.#bytes;
    const first = bytes[at];
    if (first === undefined) throw new XmlSyntaxError('the document ends where a name was expected', at);
    let pos = at;
    if (startsAsciiName(first)) {
      pos += 1;
      while (pos < bytes.length && continuesAsciiName(bytes[pos] as number)) pos += 1;
      if (pos >= bytes.length || (bytes[pos] as number) < 0x80) return pos;
    } else if (first < 0x80) {
      throw new XmlSyntaxError(`expected a name, found "${String.fromCharCode(first)}"`, at);
    }
    // A name with characters beyond ASCII: checked against the full rule.
    while (pos < bytes.length && ((bytes[pos] as number) >= 0x80 || continuesAsciiName(bytes[pos] as number))) pos += 1;
    const name = bytes.toString('utf8', at, pos);
    if (!isXmlName(name)) throw new XmlSyntaxError(`"${shorten(name)}" is not a valid XML name`, at);
    return pos;
  }

  /** The name between `start` and `end` as a string, from the cache when it is a short ASCII name seen before. */
  #nameString(start: number, end: number): string {
    const bytes = this.#bytes;
    if (end - start > 40) return bytes.toString('utf8', start, end);
    let hash = end - start;
    for (let k = start; k < end; k += 1) hash = (Math.imul(hash, 31) + (bytes[k] as number)) | 0;
    const known = this.#names.get(hash);
    let ascii = true;
    if (known !== undefined && known.length === end - start) {
      let same = true;
      for (let k = 0; same && k < known.length; k += 1) same = known.charCodeAt(k) === bytes[start + k];
      if (same) return known; // the cache holds ASCII names only, so equal code units are equal bytes
    }
    for (let k = start; ascii && k < end; k += 1) ascii = (bytes[k] as number) < 0x80;
    const name = bytes.toString('utf8', start, end);
    if (ascii && this.#names.size < 512) this.#names.set(hash, name);
    return name;
  }

  /**
   * The attributes of a start tag whose name ends at `at` (the tag began at
   * `begun`), recorded as byte ranges; returns where the tag ends and
   * whether it was an empty-element tag.
   */
  #tagAttributes(at: number, begun: number): [number, boolean] {
    this.#count = 0;
    this.#seen = undefined;
    let pos = at;
    for (;;) {
      const spaced = this.#skipSpace(pos);
      const byte = this.#byte(spaced, begun);
      if (byte === GT) return [spaced + 1, false];
      if (byte === SLASH) {
        if (this.#byte(spaced + 1, begun) !== GT) throw new XmlSyntaxError('expected ">" after "/" in a tag', spaced);
        return [spaced + 2, true];
      }
      if (spaced === pos) throw new XmlSyntaxError('expected whitespace before an attribute', spaced);
      const nameEnd = this.#name(spaced);
      let eq = this.#skipSpace(nameEnd);
      if (this.#byte(eq, begun) !== EQUALS) throw new XmlSyntaxError('expected "=" after an attribute name', eq);
      eq = this.#skipSpace(eq + 1);
      const quote = this.#byte(eq, begun);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw new XmlSyntaxError('an attribute value without quotes', eq);
      let decode = 0;
      let k = eq + 1;
      for (; ; k += 1) {
        const c = this.#byte(k, begun);
        if (c === quote) break;
        if (c === LT) throw new XmlSyntaxError('"<" in an attribute value', k);
        if (c === AMP) {
          k = this.#reference(k) - 1;
          decode = 1;
        } else if (c < 0x20) {
          if (c !== 0x09 && c !== 0x0a && c !== 0x0d) throw this.#badChar(k);
          decode = 1;
        } else if (c === EF) this.#checkNonCharacter(k);
      }
      this.#checkUnique(spaced, nameEnd);
      this.#record(spaced, nameEnd, eq + 1, k, decode);
      pos = k + 1;
    }
  }

  /**
   * An attribute name may appear once per tag. Compared byte by byte while a tag has few attributes
   * (Plex's have about 20); past that by name in a set, so a hostile tag with a million attributes
   * costs linear time, not quadratic.
   */
  #checkUnique(start: number, end: number): void {
    const table = this.#attributes;
    if (this.#count <= MANY_ATTRIBUTES) {
      for (let a = 0; a < this.#count; a += 1) {
        const at = a * ATTRIBUTE_FIELDS;
        if (this.#sameBytes(table[at] as number, table[at + 1] as number, start, end)) this.#twice(start, end);
      }
      return;
    }
    if (this.#seen === undefined) {
      this.#seen = new Set();
      for (let a = 0; a < this.#count; a += 1) {
        const at = a * ATTRIBUTE_FIELDS;
        this.#seen.add(this.#bytes.toString('latin1', table[at] as number, table[at + 1] as number));
      }
    }
    const name = this.#bytes.toString('latin1', start, end);
    if (this.#seen.has(name)) this.#twice(start, end);
    this.#seen.add(name);
  }

  #twice(start: number, end: number): never {
    throw new XmlSyntaxError(`the attribute ${this.#shown(start, end)} appears twice`, start);
  }

  #record(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, decode: number): void {
    let table = this.#attributes;
    const at = this.#count * ATTRIBUTE_FIELDS;
    if (at + ATTRIBUTE_FIELDS > table.length) {
      table = new Int32Array(table.length * 2);
      table.set(this.#attributes);
      this.#attributes = table;
    }
    table[at] = nameStart;
    table[at + 1] = nameEnd;
    table[at + 2] = valueStart;
    table[at + 3] = valueEnd;
    table[at + 4] = decode;
    this.#count += 1;
  }

  get(name: string): string | undefined {
    const bytes = this.#bytes;
    const table = this.#attributes;
    for (let a = 0; a < this.#count; a += 1) {
      const at = a * ATTRIBUTE_FIELDS;
      const start = table[at] as number;
      if ((table[at + 1] as number) - start !== name.length) continue;
      let same = true;
      for (let k = 0; same && k < name.length; k += 1) same = bytes[start + k] === name.charCodeAt(k);
      if (same) return this.#value(a);
    }
    return undefined;
  }

  all(): Record<string, string> {
    const record = Object.create(null) as Record<string, string>;
    const table = this.#attributes;
    for (let a = 0; a < this.#count; a += 1) {
      const at = a * ATTRIBUTE_FIELDS;
      record[this.#nameString(table[at] as number, table[at + 1] as number)] = this.#value(a);
    }
    return record;
  }

  get tagStart(): number {
    return this.#tagStart;
  }

  spans(): AttributeSpan[] {
    const table = this.#attributes;
    const spans: AttributeSpan[] = [];
    for (let a = 0; a < this.#count; a += 1) {
      const at = a * ATTRIBUTE_FIELDS;
      spans.push({
        name: this.#nameString(table[at] as number, table[at + 1] as number),
        value: this.#value(a),
        start: table[at + 2] as number,
        end: table[at + 3] as number,
      });
    }
    return spans;
  }

  /** Character data in [start, end) with its references decoded (line ends kept: it is text, not an attribute). */
  #decoded(start: number, end: number): string {
    const bytes = this.#bytes;
    let value = '';
    let run = start;
    for (let k = start; k < end; k += 1) {
      if (bytes[k] !== AMP) continue;
      const after = this.#reference(k);
      value += bytes.toString('utf8', run, k) + String.fromCodePoint(this.#code);
      k = after - 1;
      run = after;
    }
    return value + bytes.toString('utf8', run, end);
  }

  /** The decoded value of attribute number `a`: a fresh string, not a view into the document. */
  #value(a: number): string {
    const bytes = this.#bytes;
    const at = a * ATTRIBUTE_FIELDS;
    const start = this.#attributes[at + 2] as number;
    const end = this.#attributes[at + 3] as number;
    if (this.#attributes[at + 4] === 0) return bytes.toString('utf8', start, end);
    let value = '';
    let run = start;
    for (let k = start; k < end; k += 1) {
      const c = bytes[k] as number;
      if (c === AMP) {
        const after = this.#reference(k);
        value += bytes.toString('utf8', run, k) + String.fromCodePoint(this.#code);
        k = after - 1;
        run = after;
      } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
        value += `${bytes.toString('utf8', run, k)} `;
        if (c === 0x0d && bytes[k + 1] === 0x0a) k += 1; // CR LF is one line end
        run = k + 1;
      }
    }
    return value + bytes.toString('utf8', run, end);
  }

  /** Checks the reference starting with "&" at `at`, leaves its code point in #code, returns the index after ";". */
  #reference(at: number): number {
    const bytes = this.#bytes;
    let k = at + 1;
    if (bytes[k] === HASH) {
      k += 1;
      const hex = bytes[k] === 0x78; // x
      if (hex) k += 1;
      const digitsStart = k;
      let code = 0;
      for (; k < bytes.length; k += 1) {
        const c = bytes[k] as number;
        const digit =
          c >= 0x30 && c <= 0x39
            ? c - 0x30
            : hex && c >= 0x61 && c <= 0x66
              ? c - 0x57
              : hex && c >= 0x41 && c <= 0x46
                ? c - 0x37
                : -1;
        if (digit < 0) break;
        code = Math.min(code * (hex ? 16 : 10) + digit, 0x110000); // past U+10FFFF it stays invalid, however long
      }
      if (k === digitsStart || bytes[k] !== SEMICOLON) {
        throw new XmlSyntaxError('a character reference that is not "&#digits;" or "&#xhex;"', at);
      }
      if (!isXmlChar(code)) throw new XmlSyntaxError('a character reference that is not a valid XML character', at);
      this.#code = code;
      return k + 1;
    }
    const nameEnd = k < bytes.length && startsAsciiName(bytes[k] as number) ? this.#name(k) : k;
    const code = ENTITIES.get(bytes.toString('latin1', k, nameEnd)); // a Map: "&constructor;" is no entity
    if (nameEnd === k || bytes[nameEnd] !== SEMICOLON) {
      throw new XmlSyntaxError('"&" that starts no reference (write it as "&amp;")', at);
    }
    if (code === undefined) {
      throw new XmlSyntaxError(`an unknown entity "&${this.#shown(k, nameEnd)};"`, at);
    }
    this.#code = code;
    return nameEnd + 1;
  }

  #badChar(at: number): XmlSyntaxError {
    return new XmlSyntaxError(
      `a character XML does not allow (U+${(this.#bytes[at] as number).toString(16).padStart(4, '0').toUpperCase()})`,
      at,
    );
  }

  /** U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
  #checkNonCharacter(at: number): void {
    const bytes = this.#bytes;
    if (bytes[at + 1] === 0xbf && (bytes[at + 2] === 0xbe || bytes[at + 2] === 0xbf)) {
      throw new XmlSyntaxError(`a character XML does not allow (U+FFF${bytes[at + 2] === 0xbe ? 'E' : 'F'})`, at);
    }
  }

  /** Checks that every character in [start, end) is one XML allows (no references here). */
  #chars(start: number, end: number): void {
    const bytes = this.#bytes;
    for (let k = start; k < end; k += 1) {
      const c = bytes[k] as number;
      if (c < 0x20) {
        if (c !== 0x09 && c !== 0x0a && c !== 0x0d) throw this.#badChar(k);
      } else if (c === EF) this.#checkNonCharacter(k);
    }
  }

  /** Character data inside the root: characters XML allows, references, no "]]>". */
  #text(start: number, end: number): void {
    const bytes = this.#bytes;
    for (let k = start; k < end; k += 1) {
      const c = bytes[k] as number;
      if (c === AMP) k = this.#reference(k) - 1;
      else if (c < 0x20) {
        if (c !== 0x09 && c !== 0x0a && c !== 0x0d) throw this.#badChar(k);
      } else if (c === BRACKET_CLOSE) {
        if (bytes[k + 1] === BRACKET_CLOSE && bytes[k + 2] === GT) throw new XmlSyntaxError('"]]>" in text', k);
      } else if (c === EF) this.#checkNonCharacter(k);
    }
  }

  /** Outside the root only whitespace may stand between tags. */
  #outside(start: number, end: number): void {
    for (let k = start; k < end; k += 1) {
      if (!isSpaceByte(this.#bytes[k] as number)) throw new XmlSyntaxError('text outside the root element', k);
    }
  }

  /** A comment whose text starts at `start` (after "<!--"); returns the index after "-->". */
  #comment(start: number): number {
    const dashes = this.#bytes.indexOf('--', start, 'latin1');
    if (dashes < 0) throw new XmlSyntaxError('a comment that is never closed', start - 4);
    if (this.#bytes[dashes + 2] !== GT) throw new XmlSyntaxError('"--" inside a comment', dashes);
    this.#chars(start, dashes);
    return dashes + 3;
  }

  /** A CDATA section whose text starts at `start`; returns the index after "]]>". */
  #cdata(start: number): number {
    const close = this.#bytes.indexOf(']]>', start, 'latin1');
    if (close < 0) throw new XmlSyntaxError('a CDATA section that is never closed', start - 9);
    this.#chars(start, close);
    return close + 3;
  }

  /**
   * A processing instruction whose target starts at `start` (after "<?"); returns the index after "?>".
   * XML 1.0 [16]: the target is a Name other than "xml" in any case, and is followed by "?>" at once
   * or by whitespace and then data up to the first "?>" (so "<?a??>" and "<?a?x?>" are not well-formed).
   */
  #instruction(start: number): number {
    const targetEnd = this.#name(start);
    if (this.#bytes.toString('latin1', start, targetEnd).toLowerCase() === 'xml') {
      throw new XmlSyntaxError('an XML declaration that is not at the start of the document', start - 2);
    }
    const after = this.#bytes[targetEnd] ?? 0;
    if (after === QUESTION && this.#bytes[targetEnd + 1] === GT) return targetEnd + 2;
    if (!isSpaceByte(after)) {
      throw new XmlSyntaxError('a processing instruction target followed by neither whitespace nor "?>"', targetEnd);
    }
    const close = this.#bytes.indexOf('?>', targetEnd, 'latin1');
    if (close < 0) throw new XmlSyntaxError('a processing instruction that is never closed', start - 2);
    this.#chars(targetEnd, close);
    return close + 2;
  }
}
