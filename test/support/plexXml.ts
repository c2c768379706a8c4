/** Small Plex XML bodies written by hand from docs/plex-api.md §1, for client tests. */
import { escapeXmlAttr as escapeAttr } from '../../src/harness/fixtures/escapeXml.js';

export { escapeAttr };

export const SERVER_ROOT = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" allowSync="1" friendlyName="Test Server" machineIdentifier="0123456789abcdef0123456789abcdef01234567" platform="Linux" platformVersion="6.1" version="1.41.3.9314-a0bfb8370"></MediaContainer>
`;

export const SECTIONS = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="3" allowSync="0" title1="Plex Library">
<Directory allowSync="1" art="/:/resources/movie-fanart.jpg" key="1" type="movie" title="Movies" agent="tv.plex.agents.movie" scanner="Plex Movie" language="en-US" uuid="1c5e9a4e-3a0d-4f0c-9d8e-0e2f4b6f8a01" refreshing="0">
<Location id="1" path="/data/Movies" />
</Directory>
<Directory allowSync="1" key="2" type="show" title="TV Shows" agent="tv.plex.agents.series" scanner="Plex TV Series" language="en-US" uuid="2d6f0b5f-4b1e-4a1d-8e9f-1f3a5c7e9b02" refreshing="1">
<Location id="2" path="/data/TV" />
<Location id="3" path="/mnt/more-tv" />
</Directory>
<Directory allowSync="1" key="3" type="movie" title="Empty" agent="tv.plex.agents.movie" scanner="Plex Movie" language="en-US" uuid="3e7a1c6a-5c2f-4b2e-9fa0-2a4b6d8f0c03" refreshing="0">
<Location id="4" path="/data/Empty" />
</Directory>
</MediaContainer>
`;

export interface MovieSpec {
  readonly ratingKey: string;
  readonly title: string;
  readonly year?: string;
  /** One entry per Media; each Media lists its part files. */
  readonly media: readonly (readonly string[])[];
}

export function videoXml(movie: MovieSpec, type = 'movie'): string {
  const media = movie.media
    .map((files, m) => {
      const parts = files
        .map(
          (file, p) =>
            `<Part id="${movie.ratingKey}${m}${p}" key="/library/parts/${movie.ratingKey}${m}${p}/1/file.mkv" file="${escapeAttr(file)}" size="1000" container="mkv" />`,
        )
        .join('');
      return `<Media id="${movie.ratingKey}${m}" container="mkv" videoResolution="1080">${parts}</Media>`;
    })
    .join('');
  const year = movie.year === undefined ? '' : ` year="${movie.year}"`;
  return `<Video ratingKey="${movie.ratingKey}" key="/library/metadata/${movie.ratingKey}" type="${type}" title="${escapeAttr(movie.title)}"${year} addedAt="1700000000">${media}</Video>`;
}

export function listingXml(videos: readonly string[], start: number, totalSize: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${videos.length}" totalSize="${totalSize}" offset="${start}" librarySectionID="1">\n${videos.join('\n')}\n</MediaContainer>\n`;
}
