import { XmlFormatError } from '../errors/errors.js';
import type { XmlElement } from './parseMediaContainer.js';

/** Reading attribute values (fresh strings from readXml), with errors that say which element lacked what. */

/** An integer value, or undefined when absent or empty. A non-integer is malformed, never coerced. */
export function intValue(value: string | undefined, name: string, where: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new XmlFormatError(`${where} has ${name}="${value.slice(0, 40)}", expected an integer`);
  }
  return Number(value);
}

export function attr(element: XmlElement, name: string): string | undefined {
  return element.$?.[name];
}

export function requiredAttr(element: XmlElement, name: string, where: string): string {
  const value = element.$?.[name];
  if (value === undefined) throw new XmlFormatError(`${where} has no "${name}" attribute`);
  return value;
}

export function children(element: XmlElement, tag: string): readonly XmlElement[] {
  const list = element[tag];
  return Array.isArray(list) ? (list as XmlElement[]) : [];
}
