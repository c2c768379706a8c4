import { XmlScanner } from './XmlScanner.js';

/** Thrown by the handler to end the scan at the first start tag: nothing past it is needed. */
const DONE = Symbol('done');
const scanner = new XmlScanner();

/**
 * An attribute of the first start tag of `element` (an item as recorded,
 * `<Video …>…</Video>`), decoded as XML defines it, in either quote
 * style: what the replay server's listing filters compare.
 */
export function startTagAttribute(element: string, name: string): string | undefined {
  let value: string | undefined;
  try {
    scanner.scan(Buffer.from(element, 'utf8'), 0, {
      open(_name, attributes) {
        value = attributes.get(name);
        throw DONE;
      },
      close() {},
    });
  } catch (error) {
    if (error !== DONE) throw error;
  }
  return value;
}
