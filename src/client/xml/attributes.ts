import type { XmlElement } from './parseMediaContainer.js';
import { XmlFormatError } from './XmlFormatError.js';

/** Reading attributes and children of a parsed element, with errors that say which element lacked what. */

export function attr(element: XmlElement, name: string): string | undefined {
  return element.$?.[name];
}

export function requiredAttr(element: XmlElement, name: string, where: string): string {
  const value = element.$?.[name];
  if (value === undefined) throw new XmlFormatError(`${where} has no "${name}" attribute`);
  return value;
}

/** An integer attribute, or undefined when absent. A non-integer is malformed, never coerced. */
export function intAttr(element: XmlElement, name: string, where: string): number | undefined {
  const value = element.$?.[name];
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw new XmlFormatError(`${where} has ${name}="${value}", expected an integer`);
  return Number(value);
}

export function children(element: XmlElement, tag: string): readonly XmlElement[] {
  const list = element[tag];
  return Array.isArray(list) ? (list as XmlElement[]) : [];
}
