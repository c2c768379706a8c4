import { decodeXmlEntities } from '../fixtures/decodeXmlEntities.js';
import { escapeXmlAttr } from '../fixtures/escapeXml.js';
import type { Anonymizer } from './anonymizer.js';

/**
 * What in a Plex XML body is personal, and how --anonymize rewrites it
 * (docs/fixtures.md, "Anonymized sets: the threat model"). Attributes not
 * named here (ratingKey, key paths, ids of Media and Part, codecs, section
 * titles) are kept: they are the server's own numbering or technical, and
 * the replay and the matcher depend on them.
 */
type Rewrite = (anonymizer: Anonymizer, value: string) => string;

const asNumber =
  (change: (anonymizer: Anonymizer, n: number) => number): Rewrite =>
  (anonymizer, value) => {
    if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
    const changed = change(anonymizer, Number(value));
    const decimals = /\.(\d+)$/.exec(value)?.[1]?.length ?? 0;
    return changed === Number(value) ? value : changed.toFixed(decimals);
  };

const text: Rewrite = (a, v) => a.text(v);
const path: Rewrite = (a, v) => a.path(v);
const guid: Rewrite = (a, v) => a.guid(v);
const id: Rewrite = (a, v) => a.id(v);
const time = asNumber((a, n) => a.time(n));
const year = asNumber((a, n) => a.year(n));
const duration = asNumber((a, n) => a.duration(n));
const amount = asNumber((a, n) => a.amount(n));
const rating = asNumber((a, n) => a.rating(n));
/** `2010-06-01`: the pseudonymous year's first of January (the day would date the item). */
const date: Rewrite = (a, v) => {
  const parts = /^(\d{4})-\d\d-\d\d$/.exec(v);
  return parts === null || a.keepNumbers ? v : `${a.year(Number(parts[1]))}-01-01`;
};
/** An image or part URL carries the item's update time: `/library/metadata/1/thumb/1700000000`. */
const url: Rewrite = (a, v) => v.replace(/(?<=\/)1\d{9}(?=[/?]|$)/g, (seconds) => String(a.time(Number(seconds))));

const BY_NAME: Readonly<Record<string, Rewrite>> = {
  file: path,
  path,
  title: text,
  titleSort: text,
  originalTitle: text,
  parentTitle: text,
  grandparentTitle: text,
  summary: text,
  tagline: text,
  studio: text,
  tag: text,
  friendlyName: text,
  myPlexUsername: text,
  sourceTitle: text,
  guid,
  parentGuid: guid,
  grandparentGuid: guid,
  machineIdentifier: id,
  clientIdentifier: id,
  uuid: id,
  librarySectionUUID: id,
  addedAt: time,
  updatedAt: time,
  lastViewedAt: time,
  lastRatedAt: time,
  viewedAt: time,
  createdAt: time,
  scannedAt: time,
  refreshedAt: time,
  contentChangedAt: time,
  deletedAt: time,
  mediaTagVersion: time,
  key: url,
  thumb: url,
  art: url,
  banner: url,
  theme: url,
  composite: url,
  parentThumb: url,
  parentArt: url,
  parentTheme: url,
  grandparentThumb: url,
  grandparentArt: url,
  grandparentTheme: url,
  year,
  parentYear: year,
  originallyAvailableAt: date,
  duration,
  viewOffset: duration,
  bitrate: amount,
  rating,
  audienceRating: rating,
  userRating: rating,
};

/** Rules that depend on the element: `size` is a Part's bytes but a container's item count. */
const BY_ELEMENT: Readonly<Record<string, Readonly<Record<string, Rewrite>>>> = {
  Part: { size: amount },
  Guid: { id: guid },
};

const TAG = /<([A-Za-z][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"]*")*)(\s*\/?)>/g;
const ATTRIBUTE = /(\s+)([A-Za-z_][\w.:-]*)(\s*=\s*)"([^"]*)"/g;

/**
 * A Plex XML body with its personal attributes rewritten; `keep` names
 * the titles left as they are (library titles: "Movies" is not personal,
 * and scenarios name libraries by title).
 */
export function anonymizeXml(anonymizer: Anonymizer, body: string, keep: ReadonlySet<string>): string {
  return body.replace(TAG, (_tag, element: string, attributes: string, end: string) => {
    const rewritten = attributes.replace(
      ATTRIBUTE,
      (whole, space: string, name: string, equals: string, raw: string) => {
        const rewrite = BY_ELEMENT[element]?.[name] ?? BY_NAME[name];
        if (rewrite === undefined) return whole;
        const value = decodeXmlEntities(raw);
        if (rewrite === text && keep.has(value)) return whole;
        const changed = rewrite(anonymizer, value);
        return changed === value ? whole : `${space}${name}${equals}"${escapeXmlAttr(changed)}"`;
      },
    );
    return `<${element}${rewritten}${end}>`;
  });
}
