import { readXml, type XmlBody } from './readXml.js';

/**
 * A parsed element: attributes under `$` (always strings, exactly as sent,
 * entities decoded), child elements under their tag name (always arrays,
 * even for one child).
 */
export type XmlElement = { readonly $?: Readonly<Record<string, string>> } & { readonly [tag: string]: unknown };

type Building = { $: Record<string, string> } & Record<string, unknown>;

/**
 * Parses a small Plex document (the server root, identity, sections) into
 * a tree and returns its root <MediaContainer>. Throws XmlFormatError for
 * anything that is not one (readXml says which failures those are).
 * Section listings do not come through here: readListingPage reads them
 * without building a tree.
 */
export function parseMediaContainer(body: XmlBody): XmlElement {
  const stack: Building[] = [];
  let root: Building | undefined;
  readXml(body, {
    open(name, attributes) {
      // No prototype: a tag named __proto__ is just a tag.
      const element = Object.assign(Object.create(null) as Building, { $: attributes.all() });
      const parent = stack.at(-1);
      if (parent === undefined) root = element;
      else {
        const siblings = (parent[name] as Building[] | undefined) ?? [];
        if (siblings.length === 0) parent[name] = siblings;
        siblings.push(element);
      }
      stack.push(element);
    },
    close() {
      stack.pop();
    },
  });
  return root as XmlElement;
}
