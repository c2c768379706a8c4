import { describe, expect, it } from 'vitest';
import { XmlFormatError } from '../../src/client/errors/errors.js';
import { readXml } from '../../src/client/xml/readXml.js';

/** The title of the one <Video> in `body`, as readXml reads it. */
function title(body: Buffer): string | undefined {
  let read: string | undefined;
  readXml(body, {
    open: (name, attributes) => {
      if (name === 'Video') read = attributes.get('title');
    },
    close() {},
  });
  return read;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const container = '<MediaContainer size="1"><Video title="Amélie"/></MediaContainer>';
const declared = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>\n${container}`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('the encoding of a body: UTF-8 only, and a clear refusal naming any other', () => {
  it('reads UTF-8 declared in any case, undeclared, or marked by a byte order mark', () => {
    for (const body of [
      utf8(declared('UTF-8')),
      utf8(declared('utf-8')),
      utf8(declared('Utf-8')),
      utf8(`<?xml version="1.0"?>${container}`),
      utf8(`<?xml version='1.0' standalone='yes'?>${container}`),
      utf8(container),
      Buffer.concat([BOM, utf8(container)]),
      Buffer.concat([BOM, utf8(declared('UTF-8'))]),
    ]) {
      expect(title(body), body.toString('latin1')).toBe('Amélie');
    }
  });

  it('refuses a declared encoding other than UTF-8, naming it, whatever the bytes are', () => {
    for (const [body, name] of [
      [utf8(declared('ISO-8859-1')), 'ISO-8859-1'], // "é" as UTF-8 bytes: expat would read "Ã©"
      [Buffer.from(declared('ISO-8859-1'), 'latin1'), 'ISO-8859-1'], // "é" as one byte, E9
      [Buffer.from(declared('US-ASCII'), 'latin1'), 'US-ASCII'],
      [utf8(declared('US-ASCII')), 'US-ASCII'],
      [utf8(declared('UTF-16')), 'UTF-16'], // UTF-16 declared on 8-bit bytes
      [utf8(declared('bogus')), 'bogus'],
      [utf8(declared('utf8')), 'utf8'], // not a registered name of UTF-8; expat refuses it too
      [Buffer.concat([BOM, utf8(declared('iso-8859-1'))]), 'iso-8859-1'],
    ] as const) {
      expect(() => title(body), name).toThrow(XmlFormatError);
      expect(() => title(body), name).toThrow(`declares encoding "${name}"`);
      expect(() => title(body), name).toThrow('only UTF-8 is read');
    }
  });

  it('refuses a body in UTF-16 or UTF-32, by its byte order mark or its first characters', () => {
    const utf16le = Buffer.from(declared('UTF-16'), 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    const utf32be = Buffer.alloc(4 * container.length);
    [...container].forEach((char, k) => {
      utf32be.writeUInt32BE(char.codePointAt(0) as number, 4 * k);
    });
    for (const [body, name] of [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), 'UTF-16LE'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'UTF-16BE'],
      [utf16le, 'UTF-16LE'],
      [utf16be, 'UTF-16BE'],
      [Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32be]), 'UTF-32BE'],
      [Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(utf32be).swap32()]), 'UTF-32LE'],
    ] as const) {
      expect(() => title(body), name).toThrow(XmlFormatError);
      expect(() => title(body), name).toThrow(`response body is ${name}`);
      expect(() => title(body), name).toThrow('only UTF-8 is read');
    }
  });
});
