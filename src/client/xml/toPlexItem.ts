import type { PlexItem, PlexMedia, PlexPart } from '../../core/plexItem.js';
import { attr, children, intAttr, requiredAttr } from './attributes.js';
import { compact } from './compact.js';
import type { XmlElement } from './parseMediaContainer.js';

/** The element names that hold playable items in a section listing. */
export const ITEM_TAGS = ['Video', 'Track', 'Photo'] as const;

function toPart(element: XmlElement, where: string): PlexPart {
  const id = requiredAttr(element, 'id', `a <Part> of ${where}`);
  const partWhere = `<Part id="${id}"> of ${where}`;
  return {
    id,
    file: requiredAttr(element, 'file', partWhere),
    ...compact({
      key: attr(element, 'key'),
      size: intAttr(element, 'size', partWhere),
      container: attr(element, 'container'),
    }),
  };
}

function toMedia(element: XmlElement, where: string): PlexMedia {
  const id = requiredAttr(element, 'id', `a <Media> of ${where}`);
  const mediaWhere = `<Media id="${id}"> of ${where}`;
  return {
    id,
    parts: children(element, 'Part').map((part) => toPart(part, mediaWhere)),
    ...compact({
      container: attr(element, 'container'),
      videoResolution: attr(element, 'videoResolution'),
      proxyType: attr(element, 'proxyType'),
    }),
  };
}

/** One <Video>/<Track>/<Photo> element as a PlexItem; file paths exactly as the server sent them. */
export function toPlexItem(element: XmlElement, tag: string): PlexItem {
  const ratingKey = requiredAttr(element, 'ratingKey', `a <${tag}> item`);
  const where = `<${tag} ratingKey="${ratingKey}">`;
  return {
    ratingKey,
    key: attr(element, 'key') ?? `/library/metadata/${ratingKey}`,
    type: attr(element, 'type') ?? tag.toLowerCase(),
    title: attr(element, 'title') ?? '',
    media: children(element, 'Media').map((media) => toMedia(media, where)),
    ...compact({
      year: intAttr(element, 'year', where),
      guid: attr(element, 'guid'),
      librarySectionID: attr(element, 'librarySectionID'),
      grandparentTitle: attr(element, 'grandparentTitle'),
      parentTitle: attr(element, 'parentTitle'),
      parentIndex: intAttr(element, 'parentIndex', where),
      index: intAttr(element, 'index', where),
      parentRatingKey: attr(element, 'parentRatingKey'),
      grandparentRatingKey: attr(element, 'grandparentRatingKey'),
      addedAt: intAttr(element, 'addedAt', where),
      updatedAt: intAttr(element, 'updatedAt', where),
    }),
  };
}

/** Every item in a listing's MediaContainer. */
export function itemsOf(container: XmlElement): PlexItem[] {
  const items: PlexItem[] = [];
  for (const tag of ITEM_TAGS) for (const element of children(container, tag)) items.push(toPlexItem(element, tag));
  return items;
}
