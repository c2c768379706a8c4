import { readXml } from '../../client/internal.js';
import { escapeXmlAttr } from '../fixtures/escapeXml.js';
import type { Anonymizer, TimeFamily } from './anonymizer.js';

/**
 * How --anonymize rewrites a Plex XML body (docs/fixtures.md, "Anonymized
 * sets: the threat model"). It refuses by default: every attribute value
 * and every text node is rewritten unless its attribute is on the short
 * list of values that are safe and that replay and matching need as they
 * are (KEPT, and the structural values of KEPT_ON). Comments and
 * processing instructions are dropped. The body is read by the client's
 * own scanner, so single-quoted values, references and CDATA are all seen,
 * and each value is replaced in place: the rest stays byte for byte.
 */
type Rewrite = (anonymizer: Anonymizer, value: string) => string;

const keep: Rewrite = (_a, v) => v;

const asNumber =
  (change: (anonymizer: Anonymizer, n: number) => number): Rewrite =>
  (anonymizer, value) => {
    if (!/^-?\d+(\.\d+)?$/.test(value)) return anonymizer.text(value);
    const changed = change(anonymizer, Number(value));
    const decimals = /\.(\d+)$/.exec(value)?.[1]?.length ?? 0;
    return changed === Number(value) ? value : changed.toFixed(decimals);
  };

const time = (family: TimeFamily) => asNumber((a, n) => a.time(n, family));
const year = asNumber((a, n) => a.year(n));
const duration = asNumber((a, n) => a.duration(n));
const amount = asNumber((a, n) => a.amount(n));
const rating = asNumber((a, n) => a.rating(n));
const path: Rewrite = (a, v) => a.path(v);
const guid: Rewrite = (a, v) => a.guid(v);
const id: Rewrite = (a, v) => a.id(v);
/** `2010-06-01`: the pseudonymous year's first of January (the day would date the item). */
const date: Rewrite = (a, v) => {
  const parts = /^(\d{4})-\d\d-\d\d$/.exec(v);
  if (parts === null) return a.text(v);
  return a.keepNumbers ? v : `${a.year(Number(parts[1]))}-01-01`;
};

/** Hosts of public metadata services: naming them says nothing about the server or its owner. */
const PUBLIC_HOST = /(^|\.)(plex\.tv|themoviedb\.org|tmdb\.org|thetvdb\.com|imdb\.com|fanart\.tv)$/i;

/**
 * The words of Plex's own API paths (`/library/metadata/101/children`):
 * kept, so a recorded `key` still leads where a client follows it.
 */
const API_WORDS = new Set(
  (
    'library metadata sections all children allLeaves parts file thumb art banner theme poster clearLogo composite ' +
    'collections hubs search playlists items identity status sessions activities resources system bundle media ' +
    'flags photo transcode agents prefs servers clients accounts devices channels butler onDeck recentlyAdded ' +
    'newest firstCharacter folder genre decade director actor country contentRating resolution unwatched ' +
    'chapterImages indexes sd image people tags'
  ).split(' '),
);

/** An opaque id in a URL segment or a value: hex of 8 or more with a digit, or letters and digits mixed. */
function looksLikeId(text: string): boolean {
  return (
    (/^[0-9a-f]{8,}$/i.test(text) && /\d/.test(text)) || (/\d/.test(text) && /[a-z]/i.test(text) && text.length >= 6)
  );
}

/** One path segment of a URL: API words and plain numbers kept, times moved, ids and words replaced. */
function segment(a: Anonymizer, part: string): string {
  if (part === '' || API_WORDS.has(part)) return part;
  if (/^1\d{9}$/.test(part)) return String(a.time(Number(part), 'updated')); // an image's update time
  if (/^\d+$/.test(part)) return part; // the server's numbering (ratingKeys, part ids)
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(part)?.[0] ?? '';
  const stem = part.slice(0, part.length - extension.length);
  return (looksLikeId(stem) ? a.id(stem) : a.text(stem)) + extension;
}

/**
 * A URL or an absolute path inside an attribute (`thumb`, `key`, a Role's
 * image on plex.tv), rewritten part by part: a public metadata host is
 * kept, any other host replaced; path segments by `segment`; query values
 * by the default rule, names kept.
 */
const url: Rewrite = (a, value) => {
  const parts = /^([A-Za-z][\w+.-]*:\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(value);
  if (parts === null) return a.text(value);
  const [, scheme = '', host = '', pathPart = '', query = '', fragment = ''] = parts;
  const newHost =
    scheme === '' || PUBLIC_HOST.test(host.replace(/:\d+$/, ''))
      ? host
      : host
          .split('.')
          .map((label) => (looksLikeId(label) || /\d/.test(label) ? a.id(label) : a.text(label)))
          .join('.');
  const newPath = (scheme === '' ? host + pathPart : pathPart)
    .split('/')
    .map((part) => segment(a, part))
    .join('/');
  const newQuery = query.replace(/([?&][^=&]*=)([^&]*)/g, (_m, name: string, raw: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return `${name}${a.text(raw)}`;
    }
    return `${name}${encodeURIComponent(byDefault(a, decoded))}`;
  });
  return `${scheme}${scheme === '' ? '' : newHost}${newPath}${newQuery}${fragment === '' ? '' : a.text(fragment)}`;
};

/**
 * What an attribute not named anywhere gets: booleans and plain numbers
 * as they are (not identifying, and clients parse them), an epoch time
 * moved, a URL or path part by part, an opaque id replaced, anything else
 * as free text (every word a pseudonym, every year moved).
 */
function byDefault(a: Anonymizer, value: string): string {
  if (/^(true|false|-?\d+(\.\d+)?)$/.test(value))
    return /^1\d{9}$/.test(value) ? String(a.time(Number(value), 'other')) : value;
  if (/^(\/|[A-Za-z][\w+.-]*:\/\/)/.test(value)) return url(a, value);
  if (looksLikeId(value) && !/\s/.test(value)) return a.id(value);
  return a.text(value);
}

/**
 * Values kept as they are, with why (docs/fixtures.md lists them): the
 * server's numbering that replay, paging and matching use; the kinds of
 * things; counts; and the technical description of media, which is the
 * same on every server and which tools read.
 */
const KEPT: ReadonlyMap<string, string> = new Map([
  ['ratingKey', 'the item id matching returns and scenarios name'],
  ['parentRatingKey', 'the parent item id'],
  ['grandparentRatingKey', 'the grandparent item id'],
  ['librarySectionID', 'the section id'],
  ['librarySectionKey', 'the section path'],
  ['type', 'the kind of item'],
  ['subtype', 'the kind of item'],
  ['viewGroup', 'the kind of listing'],
  ['index', 'season and episode numbers'],
  ['parentIndex', 'season numbers'],
  ['size', 'a container’s item count (a Part’s size is rounded: KEPT_ON)'],
  ['totalSize', 'paging'],
  ['offset', 'paging'],
  ['leafCount', 'counts'],
  ['viewedLeafCount', 'counts'],
  ['childCount', 'counts'],
  ['identifier', 'the plug-in id, the same on every server'],
  ['mediaTagPrefix', 'the same on every server'],
  ['version', 'the server release (a release is shared by every server)'],
  ['platform', 'the operating system family'],
  ['agent', 'the metadata agent, shared'],
  ['scanner', 'the scanner name, shared'],
  ['container', 'file container (mkv, mp4)'],
  ['videoResolution', 'media description'],
  ['videoCodec', 'media description'],
  ['audioCodec', 'media description'],
  ['audioChannels', 'media description'],
  ['videoFrameRate', 'media description'],
  ['videoProfile', 'media description'],
  ['audioProfile', 'media description'],
  ['aspectRatio', 'media description'],
  ['width', 'media description'],
  ['height', 'media description'],
  ['codec', 'stream description'],
  ['streamType', 'stream description'],
  ['channels', 'stream description'],
]);

/** Rules that depend on the element. */
const KEPT_ON: ReadonlyMap<string, ReadonlyMap<string, Rewrite>> = new Map<string, ReadonlyMap<string, Rewrite>>([
  [
    'Part',
    new Map([
      ['size', amount],
      ['id', keep],
    ]),
  ],
  ['Media', new Map([['id', keep]])],
  ['Stream', new Map([['id', keep]])],
  ['Location', new Map([['id', keep]])],
  ['Guid', new Map([['id', guid]])],
  [
    'Rating',
    new Map([
      ['value', rating],
      ['image', keep],
    ]),
  ],
]);

/** Attributes with a rule of their own; everything else gets `byDefault`. */
const BY_NAME: ReadonlyMap<string, Rewrite> = new Map<string, Rewrite>([
  ['key', url], // also a relative one: `sections` in /library
  ['file', path],
  ['path', path],
  ['guid', guid],
  ['parentGuid', guid],
  ['grandparentGuid', guid],
  ['machineIdentifier', id],
  ['clientIdentifier', id],
  ['uuid', id],
  ['librarySectionUUID', id],
  ['tagKey', id],
  ['id', id], // a tag's id (Role, Genre, …): a person's id on this server; Media and Part ids: KEPT_ON
  // Release-wide values would give the time offset away: replaced, not shifted.
  ['mediaTagVersion', id],
  ['addedAt', time('added')],
  ['createdAt', time('added')],
  ['updatedAt', time('updated')],
  ['refreshedAt', time('updated')],
  ['scannedAt', time('updated')],
  ['contentChangedAt', time('updated')],
  ['lastViewedAt', time('viewed')],
  ['viewedAt', time('viewed')],
  ['lastRatedAt', time('viewed')],
  ['deletedAt', time('other')],
  ['year', year],
  ['parentYear', year],
  ['originallyAvailableAt', date],
  ['duration', duration],
  ['viewOffset', duration],
  ['bitrate', amount],
  ['rating', rating],
  ['audienceRating', rating],
  ['userRating', rating],
]);

function rewriteFor(element: string, name: string): Rewrite | undefined {
  return KEPT_ON.get(element)?.get(name) ?? (KEPT.has(name) ? keep : BY_NAME.get(name));
}

/** The names of the values kept as they are, for the docs' list. */
export const KEPT_ATTRIBUTES: ReadonlyMap<string, string> = KEPT;

function escapeXmlText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * A Plex XML body with everything personal rewritten; `titles` names the
 * texts kept as they are (library titles: "Movies" is not personal, and
 * scenarios name libraries by title).
 */
export function anonymizeXml(anonymizer: Anonymizer, body: string, titles: ReadonlySet<string>): string {
  const bytes = Buffer.from(body, 'utf8');
  const edits: { start: number; end: number; text: string }[] = [];
  const text = (value: string) => (titles.has(value) ? value : anonymizer.text(value));
  readXml(bytes, {
    open(element, attributes) {
      for (const span of attributes.spans()) {
        const rule = rewriteFor(element, span.name);
        const changed =
          rule === undefined
            ? titles.has(span.value)
              ? span.value
              : byDefault(anonymizer, span.value)
            : rule === keep
              ? span.value
              : rule(anonymizer, span.value);
        if (changed !== span.value) edits.push({ start: span.start, end: span.end, text: escapeXmlAttr(changed) });
      }
    },
    close() {},
    text(value, start, end, cdata) {
      if (value.trim() === '' && !cdata) return;
      edits.push({ start, end, text: escapeXmlText(text(value)) });
    },
    markup(start, end) {
      edits.push({ start, end, text: '' });
    },
  });
  if (edits.length === 0) return body;
  const out: Buffer[] = [];
  let at = 0;
  for (const edit of edits) {
    out.push(bytes.subarray(at, edit.start), Buffer.from(edit.text, 'utf8'));
    at = edit.end;
  }
  out.push(bytes.subarray(at));
  return Buffer.concat(out).toString('utf8');
}
