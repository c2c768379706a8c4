import { attr, children, requiredAttr } from './attributes.js';
import { compact } from './compact.js';
import type { XmlElement } from './parseMediaContainer.js';

/** A folder a library scans (`<Location path="/data/Movies"/>`), as the server sees it. */
export interface PlexLocation {
  readonly id: string;
  readonly path: string;
}

/** One library as `GET /library/sections` describes it. */
export interface PlexLibrarySection {
  readonly key: string;
  readonly title: string;
  /** movie, show, artist or photo. */
  readonly type: string;
  readonly locations: readonly PlexLocation[];
  readonly agent?: string;
  readonly scanner?: string;
  readonly language?: string;
  readonly uuid?: string;
  /** True while Plex is scanning this library. */
  readonly refreshing?: boolean;
}

export function toLibrarySection(element: XmlElement): PlexLibrarySection {
  const key = requiredAttr(element, 'key', 'a library <Directory>');
  const where = `library <Directory key="${key}">`;
  const refreshing = attr(element, 'refreshing');
  return {
    key,
    title: requiredAttr(element, 'title', where),
    type: requiredAttr(element, 'type', where),
    locations: children(element, 'Location').map((location) => ({
      id: attr(location, 'id') ?? '',
      path: requiredAttr(location, 'path', `a <Location> of ${where}`),
    })),
    ...compact({
      agent: attr(element, 'agent'),
      scanner: attr(element, 'scanner'),
      language: attr(element, 'language'),
      uuid: attr(element, 'uuid'),
      refreshing: refreshing === undefined ? undefined : refreshing === '1' || refreshing === 'true',
    }),
  };
}

export function sectionsOf(container: XmlElement): PlexLibrarySection[] {
  return children(container, 'Directory').map(toLibrarySection);
}
