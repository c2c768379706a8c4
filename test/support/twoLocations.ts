import type { PlexItem } from '../../src/core/plexItem.js';
import { fixtureFromLibrary } from '../../src/harness/fixtures/fixtureFromLibrary.js';
import type { FixtureSet } from '../../src/harness/fixtures/fixtureSet.js';

/**
 * The mapping-suggestion acceptance case (docs/matching.md §8): a movie
 * section in two folders, /data/Movies and /data/Movies4K, that the
 * application sees as /mnt/user/media/movies and /srv/uhd; 30 of its items
 * are a movie.mkv; and a sample of the application's paths with 90 that
 * Plex does not have (a third of them movie.mkv too).
 */
export function twoLocations(items: number): { set: FixtureSet; items: PlexItem[]; paths: string[]; rules: string[] } {
  const list: PlexItem[] = [];
  const paths: string[] = [];
  const add = (ratingKey: number, file: string) =>
    list.push({
      ratingKey: String(ratingKey),
      key: `/library/metadata/${ratingKey}`,
      type: 'movie',
      title: `Film ${ratingKey}`,
      media: [{ id: `${ratingKey}1`, parts: [{ id: `${ratingKey}11`, file }] }],
    });
  for (let i = 0; i < items - 30; i += 1) {
    const uhd = i % 2 === 1;
    const tail = uhd ? `UHD ${i} (2019)/UHD ${i} (2019) - 2160p.mkv` : `Film ${i} (2001)/Film ${i} (2001).mkv`;
    add(1000 + i, `${uhd ? '/data/Movies4K' : '/data/Movies'}/${tail}`);
    if (i % 25 < 2) paths.push(`${uhd ? '/srv/uhd' : '/mnt/user/media/movies'}/${tail}`);
  }
  for (let i = 0; i < 30; i += 1) {
    const uhd = i % 2 === 1;
    add(900 + i, `${uhd ? '/data/Movies4K' : '/data/Movies'}/Same ${i}/movie.mkv`);
    paths.push(`${uhd ? '/srv/uhd' : '/mnt/user/media/movies'}/Same ${i}/movie.mkv`);
  }
  for (let i = 0; i < 90; i += 1)
    paths.push(`/mnt/user/downloads/incoming ${i}/${i % 3 === 0 ? 'movie.mkv' : `not in plex ${i}.mkv`}`);
  const set = fixtureFromLibrary({
    name: 'two-locations',
    description: 'a movie section in /data/Movies and /data/Movies4K',
    sections: [
      { key: '1', title: 'Movies', type: 'movie', locations: ['/data/Movies', '/data/Movies4K'], items: list },
    ],
  });
  return { set, items: list, paths, rules: ['/mnt/user/media/movies=/data/Movies', '/srv/uhd=/data/Movies4K'] };
}
