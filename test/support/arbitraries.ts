import fc from 'fast-check';
import type { PlexItem } from '../../src/core/plexItem.js';

/**
 * Random sections built to collide: few folders, few names, case variants,
 * NFC/NFD variants, and roots in all three path styles.
 */
const ROOTS = ['/data/Movies', 'D:\\Media\\Movies', '\\\\NAS\\media\\Movies', '/volume1/video'];
const FOLDERS = ['A', 'Amélie (2001)', 'Tom & Jerry', 'Zoë', 'Season 01', '東京'];
const NAMES = [
  'movie.mkv',
  'Movie.mkv',
  'MOVIE.MKV',
  'Amélie.mkv',
  'Ame\u0301lie.mkv',
  'AMÉLIE.MKV',
  'Straße.mp4',
  'STRASSE.mp4',
  'video.mp4',
  '#Alive [1080p].mp4',
  "Ocean's 8.avi",
];

export const fileArb = fc
  .tuple(fc.constantFrom(...ROOTS), fc.constantFrom(...FOLDERS), fc.constantFrom(...NAMES))
  .map(([root, folder, name]) => {
    const sep = root.startsWith('/') ? '/' : '\\';
    return `${root}${sep}${folder}${sep}${name}`;
  });

const mediaArb = fc.array(fc.array(fileArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 });

export const libraryArb: fc.Arbitrary<PlexItem[]> = fc.array(mediaArb, { minLength: 0, maxLength: 14 }).map((medias) =>
  medias.map((media, i) => ({
    ratingKey: String(100 + i),
    key: `/library/metadata/${100 + i}`,
    type: 'movie',
    title: `Item ${i}`,
    media: media.map((files, m) => ({ id: `${i}${m}`, parts: files.map((file, p) => ({ id: `${i}${m}${p}`, file })) })),
  })),
);

/** A path to look up: often a file of the library, sometimes changed in case or normalization, sometimes new. */
export function lookupArb(items: readonly PlexItem[]): fc.Arbitrary<string> {
  const files = items.flatMap((item) => item.media.flatMap((media) => media.parts.map((part) => part.file)));
  const variant = fc.constantFrom<(s: string) => string>(
    (s) => s,
    (s) => s.toUpperCase(),
    (s) => s.toLowerCase(),
    (s) => s.normalize('NFD'),
    (s) => s.normalize('NFC'),
    (s) => (s.startsWith('/') ? s : s.replace(/\\/g, '/').replace(/^\/\//, '\\\\')),
  );
  const known = files.length === 0 ? fileArb : fc.constantFrom(...files);
  return fc.oneof(
    fc.tuple(known, variant).map(([file, f]) => f(file)),
    fileArb,
  );
}
