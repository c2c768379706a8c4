import { readXml } from '../../client/internal.js';
import { jsonKey, jsonValue, SINGLE_CHILDREN } from './plexJsonTyping.js';
import type { StreamedBody } from './response.js';

/** An element read from an answer: what its JSON is made of. */
interface XmlNode {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
}

/** The root element of a <MediaContainer> document (the client's own reader: XmlFormatError when it is not one). */
function readRoot(xml: Buffer): XmlNode {
  const open: XmlNode[] = [];
  let root: XmlNode | undefined;
  readXml(xml, {
    open(tag, attributes, depth) {
      const node: XmlNode = { tag, attributes: attributes.all(), children: [] };
      if (depth === 0) root = node;
      else open[depth - 1]?.children.push(node);
      open[depth] = node;
    },
    close() {},
  });
  return root as XmlNode;
}

/**
 * An element as the text of Plex's JSON object: its attributes typed (plexJsonTyping), then its
 * children grouped by their JSON key in order of first appearance, each group an array (one
 * object for SINGLE_CHILDREN). Written as text, not built as an object and stringified: an
 * object of thirty keys made per item is most of the cost of a 600k-item listing.
 */
function jsonText(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node.attributes))
    out += `,${JSON.stringify(name)}:${JSON.stringify(jsonValue(node.tag, name, value))}`;
  const groups = new Map<string, string[]>();
  for (const child of node.children) {
    const key = jsonKey(child.tag, child.attributes);
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push(jsonText(child));
  }
  for (const [key, group] of groups) {
    if (!SINGLE_CHILDREN.has(key)) out += `,${JSON.stringify(key)}:[${group.join(',')}]`;
    else if (group.length === 1) out += `,${JSON.stringify(key)}:${group[0]}`;
    else throw new Error(`<${node.tag}> has ${group.length} <${key}> children, which Plex's JSON holds one of`);
  }
  return `{${out.slice(1)}}`;
}

/** A whole XML answer as the JSON Plex sends for it: `{"MediaContainer": {…}}`. */
export function plexJsonOf(xml: Buffer): Buffer {
  return Buffer.from(`{"MediaContainer":${jsonText(readRoot(xml))}}`, 'utf8');
}

/** The end of a streamed listing: the root's end tag. */
const ROOT_END = /<\/MediaContainer>\s*$/;

/**
 * A streamed XML listing as streamed JSON, converted piece by piece: the head (declaration and
 * root start tag) becomes `{"MediaContainer":{…attributes`, and each item element, read as it is
 * made, one JSON object of the array its key names, so no more than one item is held at a time.
 * Pieces that end inside an element wait for the rest of it. A listing whose items change key
 * and come back to an earlier one (Video, Hub, Video) cannot be one JSON object streamed in order:
 * an error while sending, which ends the answer early.
 */
export function streamedPlexJson(body: StreamedBody): StreamedBody {
  const root = readRoot(Buffer.from(`${body.head}</MediaContainer>`, 'utf8'));
  if (root.children.length > 0) throw new Error('a streamed body whose head holds more than the root start tag');
  const attributes = jsonText(root);
  return {
    head: `{"MediaContainer":${attributes.slice(0, -1)}`,
    *rest() {
      let members = attributes !== '{}';
      let pending = '';
      let key: string | undefined;
      let first = true;
      const done = new Set<string>();
      let ended = false;
      for (const piece of body.rest()) {
        pending += piece;
        const end = ROOT_END.exec(pending);
        const children = end === null ? pending : pending.slice(0, end.index);
        let items: XmlNode[];
        try {
          items = readRoot(Buffer.from(`<MediaContainer>${children}</MediaContainer>`, 'utf8')).children;
        } catch (error) {
          if (end !== null) throw error;
          continue; // the piece ends inside an element: wait for its end
        }
        pending = '';
        let out = '';
        for (const item of items) {
          const next = jsonKey(item.tag, item.attributes);
          if (next !== key) {
            if (key !== undefined && !SINGLE_CHILDREN.has(key)) out += ']';
            if (done.has(next)) throw new Error(`a streamed listing's <${item.tag}> items come after other items`);
            done.add(next);
            out += `${members ? ',' : ''}${JSON.stringify(next)}:${SINGLE_CHILDREN.has(next) ? '' : '['}`;
            members = true;
            key = next;
            first = true;
          } else if (SINGLE_CHILDREN.has(next)) throw new Error(`a streamed listing with two <${item.tag}> children`);
          out += `${first ? '' : ','}${jsonText(item)}`;
          first = false;
        }
        if (out !== '') yield out;
        if (end !== null) {
          ended = true;
          break;
        }
      }
      if (!ended) throw new Error('a streamed listing that ends before its </MediaContainer>');
      yield `${key !== undefined && !SINGLE_CHILDREN.has(key) ? ']' : ''}}}`;
    },
  };
}
