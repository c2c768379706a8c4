import { XmlFormatError } from '../errors/errors.js';
import type { XmlElement } from './parseMediaContainer.js';

/** Reading attribute values, with errors that say which element lacked what. */

/**
 * A copy of an attribute value that does not keep the response text alive.
 * V8 makes substrings of 13 or more characters views into their parent, so
 * a file path kept from a page would keep the whole page in memory (two
 * bytes per character as soon as the page holds one non-Latin-1 name):
 * 100k parsed items took 167 MB of heap instead of 76 MB. The UTF-8 round
 * trip is exact for XML text and stores Latin-1 text one byte per character.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

/** An integer value, or undefined when absent or empty. A non-integer is malformed, never coerced. */
export function intValue(value: string | undefined, name: string, where: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new XmlFormatError(`${where} has ${name}="${value}", expected an integer`);
  return Number(value);
}

export function attr(element: XmlElement, name: string): string | undefined {
  const value = element.$?.[name];
  return value === undefined ? undefined : detach(value);
}

export function requiredAttr(element: XmlElement, name: string, where: string): string {
  const value = element.$?.[name];
  if (value === undefined) throw new XmlFormatError(`${where} has no "${name}" attribute`);
  return detach(value);
}

export function children(element: XmlElement, tag: string): readonly XmlElement[] {
  const list = element[tag];
  return Array.isArray(list) ? (list as XmlElement[]) : [];
}
